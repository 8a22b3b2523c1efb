package coop.entraide.node.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void quotesAsRfc4180Says() {
        String csv = new Csv().row("plain", "a,b", "say \"hi\"", "two\nlines", null, "").toString();
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\r\n", csv);
    }

    @Test
    void neutralisesFormulas() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Csv.cell("=HYPERLINK(\"x\")"));
        assertEquals("'+1", Csv.cell("+1"));
        assertEquals("'-2+3", Csv.cell("-2+3"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'\tx", Csv.cell("\tx"));
        assertEquals("\"'=1,2\"", Csv.cell("=1,2"));
        assertEquals("a=b", Csv.cell("a=b"));
        assertEquals("12.50", Csv.cell("12.50"));
    }

    @Test
    void rowsEndWithCrLf() {
        assertEquals("a,b\r\nc,d\r\n", new Csv().row("a", "b").row("c", "d").toString());
    }
}

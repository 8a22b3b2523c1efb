package coop.entraide.node.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.ledger.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ReceiptPdfTest {
    private static final Currency EUR = Currency.getInstance("EUR");

    static TaxReceipts.Receipt receipt(String donorName) {
        Instant t = Instant.parse("2030-03-14T10:00:00Z");
        FundingSettings settings = new FundingSettings("Association Les Capucins", "3 rue des Capucins, 69001 Lyon",
                "Animer la vie du quartier et partager un four à pain", null, null, null, true);
        Pledge p = new Pledge(3, 7, Pledge.DonorKind.PUBLIC, null, null, null, "zoe@example.org", donorName,
                "1 place Sathonay, 69001 Lyon", null, null, new Money(new BigDecimal("123.50"), EUR),
                new Money(new BigDecimal("12.35"), EUR), PledgeState.RECEIVED, "cheque", "RF71C7P3", null, t, t);
        return new TaxReceipts.Receipt(42, t, settings, CampaignDocumentsTest.campaign(CampaignState.OPEN, null), p);
    }

    @Test
    void receiptReadsBackWithItsNumberAndAmountInWords() throws Exception {
        byte[] pdf = ReceiptPdf.render(receipt("Zoé Lambert"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("Reçu n° 42"), text);
            assertTrue(text.contains("123,50 €"), text);
            assertTrue(text.contains("cent vingt-trois euros et cinquante centimes"), text);
            assertTrue(text.contains("Association Les Capucins"), text);
            assertTrue(text.contains("Zoé Lambert"), text);
            assertTrue(text.contains("numéraire"), text);
            assertTrue(text.contains("chèque"), text);
            assertTrue(text.contains("14 mars 2030"), text);
            assertTrue(text.contains("pourboire de 12,35 €"), text);
        }
    }

    @Test
    void charactersOutsideTheStandardFontBecomeQuestionMarks() throws Exception {
        byte[] pdf = ReceiptPdf.render(receipt("李小龍 \u0007"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Nom : ??? ?"), text);
        }
    }
}

package coop.entraide.node.campaigns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A tax receipt as a one-page A4 PDF, with the content of the French form "Reçu au titre des dons
 * à certains organismes d'intérêt général" (Cerfa 11580): beneficiary, donor, amount in figures
 * and words, date, form, nature and mode of payment, receipt number.
 */
final class ReceiptPdf {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private ReceiptPdf() {
    }

    static byte[] render(TaxReceipts.Receipt r) {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Reçu fiscal n° " + r.number());
            info.setCreator("Entraide");
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                Writer w = new Writer(s, PDRectangle.A4.getHeight() - MARGIN);
                w.line(bold, 14, "Reçu au titre des dons à certains organismes d'intérêt général");
                w.line(regular, 9, "Articles 200, 238 bis et 978 du code général des impôts (modèle Cerfa n° 11580)");
                w.gap(8);
                w.line(bold, 12, "Reçu n° " + r.number());
                w.gap(10);
                w.line(bold, 11, "Bénéficiaire des versements");
                w.paragraph(regular, 10, "Nom : " + r.collective().legalName());
                w.paragraph(regular, 10, "Adresse : " + r.collective().address());
                w.paragraph(regular, 10, "Objet : " + r.collective().object());
                w.paragraph(regular, 10, "Campagne : " + r.campaign().title());
                w.gap(10);
                w.line(bold, 11, "Donateur");
                Pledge p = r.pledge();
                w.paragraph(regular, 10, "Nom : " + donorName(p));
                w.paragraph(regular, 10, "Adresse : " + (p.donorAddress() == null ? "non communiquée" : p.donorAddress()));
                w.gap(10);
                w.paragraph(regular, 10, "Le bénéficiaire reconnaît avoir reçu au titre des dons et versements ouvrant droit "
                        + "à réduction d'impôt la somme de :");
                w.line(bold, 12, p.amount().plain().replace('.', ',') + " €");
                w.paragraph(regular, 10, "Somme en toutes lettres : " + FrenchAmounts.euros(p.amount().amount()));
                w.paragraph(regular, 10, "Date du versement : " + DATE.format(p.updatedAt().atZone(PARIS)));
                w.paragraph(regular, 10, "Forme du don : don manuel");
                w.paragraph(regular, 10, "Nature du don : numéraire");
                w.paragraph(regular, 10, "Mode de versement : " + mode(p.paymentMethod()));
                if (p.tip().isPositive()) {
                    w.paragraph(regular, 9, "Le pourboire de " + p.tip().plain().replace('.', ',')
                            + " € versé à la coopérative de la plateforme n'est pas compris dans ce reçu.");
                }
                w.gap(14);
                w.paragraph(regular, 10, "Fait le " + DATE.format(r.issuedAt().atZone(PARIS)) + ", pour "
                        + r.collective().legalName() + ".");
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the receipt", e);
        }
    }

    static String donorName(Pledge p) {
        if (p.donorLegalName() != null) {
            return p.donorLegalName();
        }
        if (p.publicName() != null) {
            return p.publicName();
        }
        if (p.donorUsername() != null) {
            return p.donorUsername();
        }
        return p.donorEmail() != null ? p.donorEmail() : p.donorActorUri();
    }

    private static String mode(String method) {
        if (method == null) {
            return "non précisé";
        }
        return switch (method) {
            case "bank_transfer" -> "virement";
            case "cheque" -> "chèque";
            case "cash" -> "espèces";
            default -> method;
        };
    }

    /** Writes lines top-down, wrapping paragraphs to the page width. */
    private static final class Writer {
        private final PDPageContentStream s;
        private float y;

        Writer(PDPageContentStream s, float top) {
            this.s = s;
            this.y = top;
        }

        void gap(float points) {
            y -= points;
        }

        void line(PDType1Font font, float size, String text) throws IOException {
            y -= size * 1.4f;
            s.beginText();
            s.setFont(font, size);
            s.newLineAtOffset(MARGIN, y);
            s.showText(printable(font, text));
            s.endText();
        }

        void paragraph(PDType1Font font, float size, String text) throws IOException {
            for (String l : wrap(font, size, printable(font, text))) {
                line(font, size, l);
            }
        }

        private static List<String> wrap(PDType1Font font, float size, String text) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : text.split("\\s+")) {
                String candidate = current.length() == 0 ? word : current + " " + word;
                if (font.getStringWidth(candidate) / 1000 * size > WIDTH && current.length() > 0) {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            if (current.length() > 0) {
                lines.add(current.toString());
            }
            return lines;
        }

        /** The standard fonts cover WinAnsi only: other characters (and control characters) become '?'. */
        private static String printable(PDType1Font font, String text) {
            StringBuilder sb = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                boolean ok = !Character.isISOControl(cp);
                if (ok) {
                    try {
                        font.encode(ch);
                    } catch (IOException | IllegalArgumentException e) {
                        ok = false;
                    }
                }
                sb.append(ok ? ch : "?");
            });
            return sb.toString();
        }
    }
}

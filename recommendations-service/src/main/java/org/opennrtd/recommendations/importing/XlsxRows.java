package org.opennrtd.recommendations.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams the rows of an .xlsx file's first sheet as lists of cell texts, without loading the workbook:
 * a SAX pass over the sheet XML with POI's hardened XML reader (no DOCTYPE, no entity expansion) inside POI's
 * zip-bomb-checked package. Formula cells are refused: an import takes values, never formulas.
 */
final class XlsxRows {

    private XlsxRows() {
    }

    /** Calls {@code onRow(rowNumber, cells)} for each non-empty row, 1-based. */
    static void read(Path file, ImportLimits limits, BiConsumer<Integer, List<String>> onRow) {
        ImportLimits.applyZipLimits();
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw InvalidFileException.malformed("The workbook has no sheet.");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new SheetHandler(strings, limits, onRow));
                xml.parse(new InputSource(sheet));
            }
        } catch (InvalidFileException e) {
            throw e;
        } catch (NotOfficeXmlFileException | org.apache.poi.ooxml.POIXMLException
                | org.apache.poi.openxml4j.exceptions.OpenXML4JException e) {
            throw InvalidFileException.malformed("The file is not a readable Excel workbook.");
        } catch (SAXException e) {
            if (e.getCause() instanceof InvalidFileException invalid) {
                throw invalid;
            }
            throw InvalidFileException.malformed("The workbook's sheet is not well-formed XML.");
        } catch (IOException | RuntimeException | javax.xml.parsers.ParserConfigurationException e) {
            throw InvalidFileException.malformed("The workbook cannot be read: it is damaged, truncated or hostile ("
                    + kind(e) + ").");
        }
    }

    private static String kind(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("Zip bomb") || message.contains("inflate ratio") || message.contains("exceeds")) {
            return "it inflates beyond the allowed ratio or size";
        }
        return "unreadable zip or XML";
    }

    private static final class SheetHandler extends DefaultHandler {
        private final ReadOnlySharedStringsTable strings;
        private final ImportLimits limits;
        private final BiConsumer<Integer, List<String>> onRow;
        private final StringBuilder value = new StringBuilder();
        private List<String> cells = new ArrayList<>();
        private int rowNumber;
        private int column;
        private String type;
        private boolean formula;
        private boolean inValue;
        private int rows;

        SheetHandler(ReadOnlySharedStringsTable strings, ImportLimits limits, BiConsumer<Integer, List<String>> onRow) {
            this.strings = strings;
            this.limits = limits;
            this.onRow = onRow;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            switch (localName) {
                case "row" -> {
                    cells = new ArrayList<>();
                    String r = attributes.getValue("r");
                    rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
                    if (++rows > limits.maxRows() + 1) {
                        throw new SAXException(InvalidFileException.malformed(
                                "The file has more than " + limits.maxRows() + " rows."));
                    }
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    column = ref == null ? cells.size() : columnIndex(ref);
                    type = attributes.getValue("t");
                    formula = false;
                    value.setLength(0);
                }
                case "f" -> formula = true;
                case "v", "t" -> inValue = true;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (inValue) {
                value.append(ch, start, length);
                if (value.length() > limits.maxCellChars()) {
                    throw new SAXException(InvalidFileException.malformed("Row " + rowNumber + " has a cell longer than "
                            + limits.maxCellChars() + " characters."));
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            switch (localName) {
                case "v", "t" -> inValue = false;
                case "c" -> {
                    if (formula) {
                        throw new SAXException(new InvalidFileException(422, "Row " + rowNumber + " holds a formula in column "
                                + (column + 1) + "; export values only.", List.of(RowProblem.fatal(rowNumber,
                                        "column " + (column + 1), "A formula cell; the import takes values only."))));
                    }
                    String text = value.toString();
                    if ("s".equals(type) && !text.isEmpty()) {
                        text = strings.getItemAt(Integer.parseInt(text.trim())).getString();
                        if (text.length() > limits.maxCellChars()) {
                            throw new SAXException(InvalidFileException.malformed("Row " + rowNumber
                                    + " has a cell longer than " + limits.maxCellChars() + " characters."));
                        }
                    }
                    while (cells.size() < column) {
                        cells.add(null);
                    }
                    cells.add(text);
                }
                case "row" -> {
                    if (cells.stream().anyMatch(c -> c != null && !c.isBlank())) {
                        onRow.accept(rowNumber, cells);
                    }
                }
                default -> {
                }
            }
        }

        private static int columnIndex(String ref) {
            int index = 0;
            for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) {
                index = index * 26 + (ref.charAt(i) - 'A' + 1);
            }
            return index - 1;
        }
    }
}

package org.opennrtd.recommendations.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.XMLHelper;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads OHCHR's UPR "thematic list of recommendations" (the Word matrix sent to a State after its review) into
 * {@link ImportRecord}s.
 *
 * <p>The matrix is one Word table (sometimes split over several): a header row whose cells name the columns, group
 * rows {@code Theme: <theme>}, and one row per recommendation. The reading is shared out so that each part does one
 * thing:
 * <ul>
 * <li>this class takes the upload, checks it and opens the Word package;</li>
 * <li>{@link DocxArchiveCheck} checks the zip container before POI sees it;</li>
 * <li>{@link DocxTableRows} streams the document's outer table rows as cells on the table grid;</li>
 * <li>{@link UprMatrixRecords} turns those rows into records: {@link UprMatrixLayout} finds the columns from the
 * header text (the layouts of the second, third and fourth cycles), {@link RecommendationCell} reads the
 * paragraph number, text and Source of Position, {@link StatesInBrackets} the recommending States after each
 * phrasing, {@link ThemesCell} the themes and groups of persons, and {@link SdgCodes} the SDG goals and targets of
 * the themes cell and the {@code Relevant SDGs} column.</li>
 * </ul>
 *
 * <p>Uploads are untrusted. Before POI sees the file the reader checks it is a complete zip whose entries inflate
 * neither beyond {@link #DEFAULT_MAX_UNCOMPRESSED_BYTES} (total) nor more than 100 times their compressed size; the
 * document XML is then streamed with POI's hardened SAX reader (no DOCTYPE, no entity expansion, no external
 * entities), never loaded as a whole, with caps on the number of table rows and on the characters of one cell.
 * POI's process-wide {@link ZipSecureFile} limits are those of {@link ImportLimits}. Anything that cannot be read
 * is an {@link InvalidFileException}: 415 when the bytes are not a zip at all, 422 when they are a zip but damaged,
 * hostile, over a limit or not a Word document; a Word document without a matrix header row is 415.
 *
 * <p>Records: {@code row} is the 1-based index of the table row (counted over all tables, header included);
 * {@code text} is the recommendation's phrasings without their bracketed States, joined by "; "; {@code themes}
 * start with the group's {@code Theme:} (added when the themes cell leaves it out); {@code countries} is empty (the
 * import names the State under review). A row without a paragraph number, text or Source of Position is a
 * non-fatal {@link RowProblem}. {@link ParsedFile#rowsRead()} counts recommendation rows (records plus rejected
 * rows), not the header, {@code Theme:} or empty rows.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class UprMatrixDocxReader {

    public static final int DEFAULT_MAX_ROWS = 100_000;
    public static final int DEFAULT_MAX_CELL_CHARS = 50_000;
    public static final long DEFAULT_MAX_FILE_BYTES = 50L * 1024 * 1024;
    public static final long DEFAULT_MAX_UNCOMPRESSED_BYTES = 100L * 1024 * 1024;
    /** The file is held in one array: whatever the limits, no more than this. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 64;

    private static final Set<String> WORD_MAIN_CONTENT_TYPES = Set.of(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
            "application/vnd.ms-word.document.macroEnabled.main+xml",
            "application/vnd.ms-word.template.macroEnabledTemplate.main+xml");

    private final int maxRows;
    private final int maxCellChars;
    private final long maxFileBytes;
    private final long maxUncompressedBytes;

    /** A reader with the default limits. */
    public UprMatrixDocxReader() {
        this(DEFAULT_MAX_ROWS, DEFAULT_MAX_CELL_CHARS);
    }

    /**
     * @param maxRows most table rows the document may have (all tables together)
     * @param maxCellChars most characters one table cell may hold
     */
    public UprMatrixDocxReader(int maxRows, int maxCellChars) {
        this(maxRows, maxCellChars, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }

    /**
     * @param maxRows most table rows the document may have (all tables together)
     * @param maxCellChars most characters one table cell may hold
     * @param maxFileBytes largest upload read, in bytes
     * @param maxUncompressedBytes most bytes all zip entries together may inflate to
     */
    public UprMatrixDocxReader(int maxRows, int maxCellChars, long maxFileBytes, long maxUncompressedBytes) {
        if (maxRows < 1 || maxCellChars < 1 || maxFileBytes < 1 || maxUncompressedBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxRows = maxRows;
        this.maxCellChars = maxCellChars;
        this.maxFileBytes = maxFileBytes;
        this.maxUncompressedBytes = maxUncompressedBytes;
        // POI's zip limits are process-wide and owned by ImportLimits; this reader checks the zip itself first.
        ImportLimits.applyZipLimits();
    }

    public ParsedFile read(Path file) {
        try {
            long size = Files.size(file);
            if (size > maxFileBytes || size > MAX_ARRAY) {
                throw tooLarge();
            }
            return read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw InvalidFileException.malformed("The uploaded file cannot be read.");
        }
    }

    public ParsedFile read(InputStream in) {
        byte[] content;
        try {
            content = in.readNBytes((int) Math.min(MAX_ARRAY, maxFileBytes) + 1);
        } catch (IOException e) {
            throw InvalidFileException.malformed("The uploaded file cannot be read.");
        }
        return read(content);
    }

    public ParsedFile read(byte[] content) {
        if (content == null || content.length == 0) {
            throw InvalidFileException.unsupported("The file is empty; expected a Word (.docx) UPR matrix.");
        }
        if (content.length > maxFileBytes || content.length > MAX_ARRAY) {
            throw tooLarge();
        }
        if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            throw InvalidFileException.unsupported(
                    "This is an old Word (.doc) or other legacy Office file; save it as .docx and upload it again.");
        }
        if (!startsWith(content, 'P', 'K', 3, 4) && !startsWith(content, 'P', 'K', 5, 6)) {
            throw InvalidFileException.unsupported("The file is not a Word (.docx) document.");
        }
        DocxArchiveCheck.check(content, maxUncompressedBytes);

        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(new ByteArrayInputStream(content));
            PackagePart main = mainDocumentPart(pkg);
            UprMatrixRecords matrix = new UprMatrixRecords();
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new DocxTableRows(maxRows, maxCellChars, matrix::row));
            try (InputStream document = main.getInputStream()) {
                xml.parse(new InputSource(document));
            }
            return matrix.result();
        } catch (InvalidFileException e) {
            throw e;
        } catch (SAXException e) {
            InvalidFileException cause = invalidCause(e);
            if (cause != null) {
                throw cause;
            }
            throw InvalidFileException.malformed("The Word document's XML is not well-formed or declares a DOCTYPE, "
                    + "which is refused for safety.");
        } catch (IOException | ParserConfigurationException | org.apache.poi.openxml4j.exceptions.InvalidFormatException
                 | RuntimeException e) {
            InvalidFileException cause = invalidCause(e);
            if (cause != null) {
                throw cause;
            }
            throw InvalidFileException.malformed("The Word document cannot be read: it is damaged, truncated or hostile.");
        } catch (StackOverflowError e) {
            throw InvalidFileException.malformed("The Word document is nested too deeply to be read.");
        } finally {
            if (pkg != null) {
                pkg.revert();
            }
        }
    }

    private InvalidFileException tooLarge() {
        return InvalidFileException.malformed("The file is larger than "
                + Math.min(maxFileBytes, MAX_ARRAY) / (1024 * 1024) + " MB.");
    }

    private static InvalidFileException invalidCause(Throwable e) {
        for (int depth = 0; e != null && depth < 10; depth++) {
            if (e instanceof InvalidFileException invalid) {
                return invalid;
            }
            Throwable next = e instanceof SAXException sax && sax.getException() != null ? sax.getException() : e.getCause();
            e = next == e ? null : next;
        }
        return null;
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static PackagePart mainDocumentPart(OPCPackage pkg) {
        PackageRelationshipCollection rels = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
        if (rels.isEmpty()) {
            rels = pkg.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT);
        }
        PackagePart part = rels.isEmpty() ? null : pkg.getPart(rels.getRelationship(0));
        if (part == null) {
            throw InvalidFileException.malformed("The file is a zip archive but not a Word (.docx) document.");
        }
        if (!WORD_MAIN_CONTENT_TYPES.contains(part.getContentType())) {
            throw InvalidFileException.malformed("The file is an Office document but not a Word (.docx) document.");
        }
        return part;
    }

    /** A recommendation's texts and recommending States, as {@link StatesInBrackets#split} finds them. */
    record Phrasings(String text, List<String> states) {
    }

    /** {@link StatesInBrackets#split}, under the reader's name (its tests read it so). */
    static Phrasings phrasings(String s) {
        StatesInBrackets.Phrasings split = StatesInBrackets.split(s);
        return new Phrasings(split.text(), split.states());
    }
}

package org.opennrtd.recommendations.benchmark;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Synthetic records in the shape of the UHRI's published bulk export ({@code export-full-en.json}: one JSON array of
 * objects with AnnotationId, DocumentId, Symbol, "- " prefixed AnnotationType and Body, Countries, Regions, coded
 * Themes, AffectedPersons, Sdgs, PublicationDate, PublicationDateOnUhri, Text with its paragraph number and sometimes
 * HTML, and the Upr* fields, null or empty outside the UPR), generated deterministically from a seed and streamed to
 * disk. The mix follows {@link SyntheticUhri}: 55 % UPR, 30 % treaty bodies, 15 % special procedures; one State
 * concerned per record, so records and stored rows are the same number.
 */
final class SyntheticUhriExport {

    /** UN regional groups as the export names them, per {@link SyntheticUhri#COUNTRIES} region. */
    private static String group(String region) {
        return switch (region) {
            case "Europe" -> "Eastern European States";
            case "Africa" -> "African States";
            case "Americas" -> "Latin American and Caribbean States";
            case "Asia-Pacific", "Middle East and North Africa" -> "Asia-Pacific States";
            default -> "Western European and other States";
        };
    }

    private static final String[] PARAGRAPH_STYLES = {"%d.%d ", "%d.%d. ", "%d.%d "};

    private SyntheticUhriExport() {
    }

    /**
     * Writes {@code records} records as the bulk export does; gzip-compressed if the name ends in {@code .gz}. With
     * {@code oneStateFile}, the records that concern State {@code oneState} (index into
     * {@link SyntheticUhri#COUNTRIES}) are also written, the very same, to that file: one State's file beside the
     * full export it comes from.
     */
    static void write(Path file, int records, long seed, int oneState, Path oneStateFile) {
        Random rnd = new Random(seed);
        int[] uprCount = new int[SyntheticUhri.COUNTRIES.length];
        try (JsonGenerator g = generator(file); JsonGenerator one = oneStateFile == null ? null : generator(oneStateFile)) {
            g.writeStartArray();
            if (one != null) {
                one.writeStartArray();
            }
            for (int i = 0; i < records; i++) {
                int c = rnd.nextInt(SyntheticUhri.COUNTRIES.length);
                long state = rnd.nextLong();
                int before = uprCount[c];
                record(g, new Random(state), i, c, uprCount);
                if (one != null && c == oneState) {
                    // The same record again: same random draws, same paragraph number.
                    uprCount[c] = before;
                    record(one, new Random(state), i, c, uprCount);
                }
            }
            g.writeEndArray();
            if (one != null) {
                one.writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonGenerator generator(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
        // The generator owns the stream and closes it.
        return new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
    }

    private static void record(JsonGenerator g, Random rnd, int i, int c, int[] uprCount) throws IOException {
        String[] country = SyntheticUhri.COUNTRIES[c];
        int kind = rnd.nextInt(100);
        String text = SyntheticUhri.text(rnd);
        g.writeStartObject();
        g.writeStringField("AnnotationId", uuid(rnd).toString());
        if (kind < 55) {
            int k = uprCount[c]++;
            int doc = k / 240;
            int session = 1 + (doc * 7 + c) % 54;
            LocalDate published = LocalDate.of(2008, 4, 1).plusDays(session * 120L);
            String paragraph = String.format(PARAGRAPH_STYLES[rnd.nextInt(PARAGRAPH_STYLES.length)],
                    100 + doc % 40, k % 240 + 1);
            // About one record in five carries markup, as texts copied from the documents do.
            String body = rnd.nextInt(5) == 0
                    ? "<p>" + paragraph + text.replace(", ", ",<br>").replace("&", "&amp;") + "</p>"
                    : paragraph + text;
            common(g, rnd, new UUID(c, doc), "A/HRC/" + (4 + doc) + "/" + (c + 10), "- Recommendation", "- UPR",
                    country, published, body);
            g.writeNumberField("UprCycle", 1 + Math.min(3, session / 14));
            g.writeArrayFieldStart("UprSession");
            g.writeNumber(session);
            g.writeEndArray();
            int p = rnd.nextInt(100);
            strings(g, "UprPositions", p < 70 ? List.of("Supported") : p < 95 ? List.of("- Noted") : List.of());
            List<String> states = SyntheticUhri.pick(rnd, SyntheticUhri.RECOMMENDING_STATES, 1 + rnd.nextInt(3));
            strings(g, "UprRecommendingCountry", states);
            strings(g, "UprRecommendingRegions", List.of("Western European and other States"));
        } else {
            boolean treatyBody = kind < 85;
            String body = treatyBody ? SyntheticUhri.TREATY_BODIES[rnd.nextInt(SyntheticUhri.TREATY_BODIES.length)]
                    : SyntheticUhri.SPECIAL_PROCEDURES[rnd.nextInt(SyntheticUhri.SPECIAL_PROCEDURES.length)];
            // Documents of 97 paragraphs, numbered from the record's position: no two records share a paragraph.
            int document = i / 97;
            String symbol = treatyBody ? body + "/C/" + c + "/CO/" + document
                    : "A/HRC/" + (4 + document % 55) + "/" + document + "/Add." + (1 + rnd.nextInt(3));
            String type = treatyBody && rnd.nextBoolean() ? "- Concerns/Observations" : "- Recommendation";
            LocalDate published = LocalDate.of(2006, 1, 1).plusDays(rnd.nextInt(7000));
            String paragraph = (i % 97 + 1) + (rnd.nextBoolean() ? "." : ". (a) ");
            common(g, rnd, new UUID(c + 1000L, symbol.hashCode()), symbol, type, "- " + body, country, published,
                    paragraph + text);
            // Outside the UPR the Upr* fields are null, empty or absent.
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    g.writeNullField("UprCycle");
                    g.writeNullField("UprSession");
                    g.writeNullField("UprPositions");
                    g.writeNullField("UprRecommendingCountry");
                    g.writeNullField("UprRecommendingRegions");
                }
                case 1 -> {
                    g.writeNullField("UprCycle");
                    strings(g, "UprSession", List.of());
                    strings(g, "UprPositions", List.of());
                    strings(g, "UprRecommendingCountry", List.of());
                    strings(g, "UprRecommendingRegions", List.of());
                }
                default -> {
                    // absent
                }
            }
        }
        g.writeEndObject();
    }

    private static void common(JsonGenerator g, Random rnd, UUID document, String symbol, String type, String body,
            String[] country, LocalDate published, String text) throws IOException {
        g.writeStringField("DocumentId", document.toString());
        g.writeStringField("Symbol", symbol);
        g.writeStringField("AnnotationType", type);
        g.writeStringField("Body", body);
        strings(g, "Countries", List.of(country[0]));
        strings(g, "Regions", List.of(group(country[1])));
        List<String> themes = SyntheticUhri.pick(rnd, SyntheticUhri.THEMES, 1 + rnd.nextInt(4));
        g.writeArrayFieldStart("Themes");
        for (String theme : themes) {
            g.writeString("- " + (char) ('A' + Math.abs(theme.hashCode()) % 8) + (10 + Math.abs(theme.hashCode()) % 60)
                    + " " + theme);
        }
        g.writeEndArray();
        strings(g, "AffectedPersons", SyntheticUhri.pick(rnd, SyntheticUhri.AFFECTED, 1 + rnd.nextInt(3)));
        strings(g, "Sdgs", SyntheticUhri.pick(rnd, SyntheticUhri.SDGS, rnd.nextInt(4)));
        g.writeStringField("PublicationDate", published + "T00:00:00");
        g.writeStringField("PublicationDateOnUhri", published.plusDays(22) + "T09:12:31.417");
        g.writeStringField("Text", text);
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static UUID uuid(Random rnd) {
        return new UUID((rnd.nextLong() & ~0xF000L) | 0x4000L,
                (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }
}

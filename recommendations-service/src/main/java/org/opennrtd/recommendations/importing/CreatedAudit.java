package org.opennrtd.recommendations.importing;

import java.io.IOException;
import java.io.Writer;
import java.util.UUID;

/**
 * The audit entries of the recommendations an import creates, as COPY lines of {@code audit_event}: action
 * IMPORT_CREATE, no state before, and as state after the very JSON that {@link ImportApplier#auditStateSql} gives for
 * the stored row, built from the encoded rows instead of being read back from the table. Entries are written as rows
 * are created (while PostgreSQL is still loading them) to a writer, a {@link LineSpool}'s, that keeps them out of
 * the heap until they are copied after the rows.
 */
final class CreatedAudit {

    private final Writer out;
    private final String prefix;
    private final StringBuilder line = new StringBuilder(4096);
    private final StringBuilder json = new StringBuilder(2048);
    private int count;

    /**
     * @param out where the entries go, one line each
     * @param now the transaction's time stamp as PostgreSQL writes it
     */
    CreatedAudit(Writer out, String now, String actor) {
        this.out = out;
        StringBuilder p = new StringBuilder().append('\t').append(now).append('\t');
        copyField(p, actor);
        this.prefix = p.append("\tIMPORT_CREATE\trecommendation\t").toString();
    }

    /** The encoded row {@code encoded} creates recommendation {@code id}: its entry is written now. */
    void add(String id, String encoded) throws IOException {
        count++;
        line.setLength(0);
        entry(line, json, id, encoded);
        out.append(line);
    }

    /** How many entries there are. */
    int size() {
        return count;
    }

    private void entry(StringBuilder out, StringBuilder json, String id, String encoded) {
        json.setLength(0);
        state(json, encoded.split("\t", -1));
        out.append(UUID.randomUUID()).append(prefix).append(id).append("\t\\N\t");
        // JSON has no raw tab or line break; only its backslashes need COPY's escape.
        if (json.indexOf("\\") < 0) {
            out.append(json);
        } else {
            for (int k = 0; k < json.length(); k++) {
                char ch = json.charAt(k);
                if (ch == '\\') {
                    out.append('\\');
                }
                out.append(ch);
            }
        }
        out.append('\n');
    }

    /** The state of a new recommendation from its encoded row's fields, as {@link ImportApplier#auditStateSql}. */
    static void state(StringBuilder json, String[] f) {
        json.append('{');
        string(json, "text", f[2]);
        string(json, "mechanism", f[3]);
        string(json, "body", f[4]);
        string(json, "documentSymbol", f[5]);
        string(json, "paragraph", f[6]);
        string(json, "uhriAnnotationId", f[7]);
        number(json, "uprCycle", f[8]);
        number(json, "uprSession", f[9]);
        array(json, "recommendingStates", f[10], false);
        string(json, "position", f[11].equals("\\N") ? "PENDING" : f[11]);
        array(json, "themes", f[12], false);
        array(json, "affectedPersons", f[13], false);
        array(json, "sdgTargets", f[14], false);
        array(json, "sdgGoals", f[15], true);
        array(json, "regions", f[16], false);
        string(json, "annotationType", f[17]);
        string(json, "publicationDate", f[18]);
        array(json, "recommendingRegions", f[19], false);
        string(json, "uhriDocumentId", f[20]);
        string(json, "uhriPublicationDate", f[21]);
        json.setCharAt(json.length() - 1, '}');
    }

    private static void key(StringBuilder json, String key) {
        json.append('"').append(key).append("\":");
    }

    private static void string(StringBuilder json, String key, String copyField) {
        key(json, key);
        if (copyField.equals("\\N")) {
            json.append("null");
        } else {
            jsonString(json, unescape(copyField));
        }
        json.append(',');
    }

    private static void number(StringBuilder json, String key, String copyField) {
        key(json, key);
        json.append(copyField.equals("\\N") ? "null" : String.valueOf(Integer.parseInt(copyField)));
        json.append(',');
    }

    /** A PostgreSQL array literal as the encoder writes it: every element quoted, {@code \} and {@code "} escaped. */
    private static void array(StringBuilder json, String key, String copyField, boolean numbers) {
        key(json, key);
        String literal = unescape(copyField);
        json.append('[');
        int i = 1;
        StringBuilder element = new StringBuilder();
        boolean first = true;
        while (i < literal.length() && literal.charAt(i) == '"') {
            element.setLength(0);
            for (i++; literal.charAt(i) != '"'; i++) {
                char ch = literal.charAt(i);
                if (ch == '\\') {
                    ch = literal.charAt(++i);
                }
                element.append(ch);
            }
            i += 2; // the closing quote and the comma or brace after it
            if (!first) {
                json.append(',');
            }
            first = false;
            if (numbers) {
                json.append(Integer.parseInt(element.toString()));
            } else {
                jsonString(json, element);
            }
        }
        json.append("],");
    }

    /** A field of COPY's text format, as the encoder escapes it. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder sb = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char ch = field.charAt(i);
            if (ch == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                sb.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> '\u000b';
                    default -> next;
                });
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static void jsonString(StringBuilder json, CharSequence value) {
        json.append('"');
        int plain = 0;
        while (plain < value.length() && value.charAt(plain) >= 0x20 && value.charAt(plain) != '"'
                && value.charAt(plain) != '\\') {
            plain++;
        }
        json.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        json.append(String.format("\\u%04x", (int) ch));
                    } else {
                        json.append(ch);
                    }
                }
            }
        }
        json.append('"');
    }

    /** A value as a field of COPY's text format: backslash, tab and line breaks escaped. */
    private static void copyField(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
    }
}

package org.opennrtd.common.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.List;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;

/**
 * The one rule on control characters, the same in every service, for every way text comes in (JSON bodies,
 * parameters, headers, multipart fields, import cells): the C0 control characters other than tab, line feed and
 * carriage return (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F) are refused. PostgreSQL cannot store NUL in text,
 * and the others are invisible in every view and export, so they never mean what a person typed.
 */
public final class ControlCharacters {

    /** What a violation says; the field or cell is named beside it. */
    public static final String ALLOWED = "only tab, line feed and carriage return are allowed";

    private ControlCharacters() {
    }

    /** Whether {@code c} is one of the refused control characters. */
    public static boolean refused(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }

    /** Whether {@code text} holds a refused control character; null holds none. */
    public static boolean refused(CharSequence text) {
        return first(text) >= 0;
    }

    /** The index of the first refused control character of {@code text}, or -1. */
    public static int first(CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0, n = text.length(); i < n; i++) {
            if (refused(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The violation message for {@code text}, which holds a refused character: which one, and what is allowed. */
    public static String violation(CharSequence text) {
        int i = first(text);
        return "contains the control character " + (i < 0 ? "" : codePoint(text.charAt(i)) + " ") + "(" + ALLOWED + ")";
    }

    /** {@code text} with each refused character written as {@code \u001B}: fit to quote in a message or a name. */
    public static String visible(String text) {
        if (first(text) < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(refused(c) ? "\\u" + String.format("%04X", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    /** Refuses {@code value} of parameter or field {@code name} with a 400 naming it, if it holds such a character. */
    public static void check(String name, String value) {
        if (refused(value)) {
            throw refusal(name, value);
        }
    }

    /** The 400 problem for {@code value} of parameter or field {@code name}. */
    public static ProblemException refusal(String name, CharSequence value) {
        String message = violation(value);
        return ProblemException.badRequest(name + ": " + message, List.of(new FieldViolation(name, message)));
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    /**
     * The Jackson module that applies the rule to every string read from JSON: values (also in arrays, maps and
     * nested objects) and map keys. A refusal is a {@link Refused} mapping exception, so its path names the field.
     */
    public static Module module() {
        SimpleModule module = new SimpleModule("opennrtd-control-characters");
        module.addDeserializer(String.class, new RefusingStrings());
        module.addKeyDeserializer(String.class, new RefusingKeys());
        return module;
    }

    /**
     * A module that undoes {@link #module()} on a copy of the mapper: for what another service answers, which the
     * caller did not send and cannot correct (registered after it, its deserializers take precedence).
     */
    public static Module tolerantModule() {
        SimpleModule module = new SimpleModule("opennrtd-control-characters-tolerated");
        module.addDeserializer(String.class, StringDeserializer.instance);
        module.addKeyDeserializer(String.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) {
                return key;
            }
        });
        return module;
    }

    /** A JSON string or key with a refused control character; its path (and a key's name) locate it. */
    public static final class Refused extends JsonMappingException {
        private static final long serialVersionUID = 1L;
        private final boolean key;

        Refused(JsonParser p, String message, boolean key) {
            super(p, message);
            this.key = key;
        }

        /** Whether a map key, not a value, holds the character. */
        public boolean key() {
            return key;
        }
    }

    private static final class RefusingStrings extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        RefusingStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (refused(value)) {
                throw new Refused(p, violation(value), false);
            }
            return value;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    private static final class RefusingKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (refused(key)) {
                Refused refused = new Refused(ctxt.getParser(), "has a key that " + violation(key), true);
                // Jackson names the map, not the key: the key is the last step of the path.
                refused.prependPath(new JsonMappingException.Reference(null, key));
                throw refused;
            }
            return key;
        }
    }
}

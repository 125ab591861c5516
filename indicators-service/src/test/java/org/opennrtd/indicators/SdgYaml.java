package org.opennrtd.indicators;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The packed SDG files as a test reads them, independently of the service's reader: the expected values. */
final class SdgYaml {

    static final List<String> TRANSLATIONS = List.of("fr", "es", "ru", "zh-Hans", "ar");

    private SdgYaml() {
    }

    /** Key ({@code 5-title}) to text, of {@code sdg/<language>/global_<kind>.yml}. */
    static Map<String, String> file(String language, String kind) {
        String path = "sdg/" + language + "/global_" + kind + ".yml";
        try (InputStream in = SdgYaml.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No " + path + " on the test class path");
            }
            return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Official codes of one kind in English: {@code 1-1-1-title} becomes {@code 1.1.1}. */
    static Set<String> codes(String kind) {
        Set<String> codes = new TreeSet<>();
        for (String key : file("en", kind).keySet()) {
            codes.add(key.substring(0, key.lastIndexOf('-')).replace('-', '.'));
        }
        return codes;
    }

    static String title(String language, String kind, String code) {
        return file(language, kind).get(code.replace('.', '-') + "-title");
    }
}

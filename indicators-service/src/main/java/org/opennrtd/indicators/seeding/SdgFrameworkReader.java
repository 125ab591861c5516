package org.opennrtd.indicators.seeding;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Reads the open-sdg {@code sdg-translations} files ({@code <lang>/global_goals.yml}, {@code global_targets.yml},
 * {@code global_indicators.yml}) whose keys are dash-separated codes: {@code 1-title}, {@code 1-short},
 * {@code 9-a-title}, {@code 1-1-1-title}. English defines the codes; other languages only label them.
 */
public final class SdgFrameworkReader {

    /** The languages read, English first: it is the reference and the fallback. */
    public static final List<String> LANGUAGES = List.of("en", "fr", "es", "ru", "zh-Hans", "ar");

    /** Raised with the checksum whenever the way the files are stored changes, so that every database reloads. */
    static final String FORMAT = "sdg-seed-format-1";

    private static final Logger LOG = Logger.getLogger(SdgFrameworkReader.class);
    private static final String[] FILES = {"global_goals.yml", "global_targets.yml", "global_indicators.yml"};
    private static final Pattern GOAL_KEY = Pattern.compile("^([1-9][0-9]?)-(title|short)$");
    private static final Pattern TARGET_KEY = Pattern.compile("^([1-9][0-9]?)-([1-9][0-9]?|[a-z])-title$");
    private static final Pattern INDICATOR_KEY = Pattern.compile("^([1-9][0-9]?)-([1-9][0-9]?|[a-z])-([1-9][0-9]?)-title$");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Function<String, Optional<byte[]>> files;

    /** @param files a file's bytes by its path relative to the framework folder, for example {@code en/global_goals.yml} */
    public SdgFrameworkReader(Function<String, Optional<byte[]>> files) {
        this.files = files;
    }

    /** The files packed with the service under {@code sdg/} on the class path. */
    public static SdgFrameworkReader fromClasspath(String folder) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new SdgFrameworkReader(path -> {
            try (InputStream in = loader.getResourceAsStream(folder + "/" + path)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + folder + "/" + path, e);
            }
        });
    }

    /** The SHA-256 of the files (and of the way they are stored), without parsing them. */
    public String checksum() {
        return checksum(load());
    }

    public SdgFramework read() {
        Map<String, byte[]> raw = load();
        // language -> file -> key -> text
        Map<String, Map<String, Map<String, String>>> texts = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            Map<String, Map<String, String>> byFile = new LinkedHashMap<>();
            for (String file : FILES) {
                String path = language + "/" + file;
                byFile.put(file, raw.containsKey(path) ? parse(path, raw.get(path)) : Map.of());
            }
            texts.put(language, byFile);
        }

        Map<String, Map<String, String>> english = texts.get("en");
        List<SdgFramework.Goal> goals = goals(texts, english.get(FILES[0]));
        List<SdgFramework.Target> targets = targets(texts, english.get(FILES[1]));
        List<SdgFramework.Indicator> indicators = indicators(texts, english.get(FILES[2]));

        List<Integer> goalCodes = goals.stream().map(SdgFramework.Goal::code).toList();
        List<String> targetCodes = targets.stream().map(SdgFramework.Target::code).toList();
        for (SdgFramework.Target t : targets) {
            if (!goalCodes.contains(t.goal())) {
                throw new IllegalStateException("SDG target " + t.code() + " belongs to no goal");
            }
        }
        for (SdgFramework.Indicator i : indicators) {
            if (!targetCodes.contains(i.target())) {
                throw new IllegalStateException("SDG indicator " + i.code() + " belongs to no target");
            }
        }
        return new SdgFramework(goals, targets, indicators, checksum(raw));
    }

    /** Every file's bytes by path, in a fixed order; a missing translation file is left out, a missing English one refused. */
    private Map<String, byte[]> load() {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            for (String file : FILES) {
                String path = language + "/" + file;
                Optional<byte[]> bytes = files.apply(path);
                if (bytes.isPresent()) {
                    raw.put(path, bytes.get());
                } else if (language.equals("en")) {
                    throw new IllegalStateException("The SDG framework has no English file " + path);
                } else {
                    LOG.warnf("No SDG file %s: its items are served in English", path);
                }
            }
        }
        return raw;
    }

    private static String checksum(Map<String, byte[]> raw) {
        MessageDigest digest = sha256();
        digest.update(FORMAT.getBytes(StandardCharsets.UTF_8));
        raw.forEach((path, bytes) -> {
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<SdgFramework.Goal> goals(Map<String, Map<String, Map<String, String>>> texts,
            Map<String, String> english) {
        TreeMap<Integer, Map<String, SdgFramework.GoalLabel>> goals = new TreeMap<>();
        for (String key : english.keySet()) {
            Matcher m = match(GOAL_KEY, key, "en/" + FILES[0]);
            int code = Integer.parseInt(m.group(1));
            if (goals.containsKey(code)) {
                continue;
            }
            Map<String, SdgFramework.GoalLabel> labels = new LinkedHashMap<>();
            for (String language : LANGUAGES) {
                Map<String, String> file = texts.get(language).get(FILES[0]);
                String title = file.get(code + "-title");
                String shortTitle = file.get(code + "-short");
                if (title != null && shortTitle != null) {
                    labels.put(language, new SdgFramework.GoalLabel(title, shortTitle));
                } else if (language.equals("en")) {
                    throw new IllegalStateException("SDG goal " + code + " lacks an English title or short title");
                }
            }
            goals.put(code, labels);
        }
        return goals.entrySet().stream().map(e -> new SdgFramework.Goal(e.getKey(), e.getValue())).toList();
    }

    private static List<SdgFramework.Target> targets(Map<String, Map<String, Map<String, String>>> texts,
            Map<String, String> english) {
        List<SdgFramework.Target> targets = new ArrayList<>();
        for (String key : english.keySet()) {
            Matcher m = match(TARGET_KEY, key, "en/" + FILES[1]);
            int goal = Integer.parseInt(m.group(1));
            String code = goal + "." + m.group(2);
            targets.add(new SdgFramework.Target(code, goal, targetOrdinal(goal, m.group(2)), titles(texts, FILES[1], key)));
        }
        targets.sort(Comparator.comparingInt(SdgFramework.Target::ordinal));
        return targets;
    }

    private static List<SdgFramework.Indicator> indicators(Map<String, Map<String, Map<String, String>>> texts,
            Map<String, String> english) {
        List<SdgFramework.Indicator> indicators = new ArrayList<>();
        for (String key : english.keySet()) {
            Matcher m = match(INDICATOR_KEY, key, "en/" + FILES[2]);
            int goal = Integer.parseInt(m.group(1));
            String target = goal + "." + m.group(2);
            int number = Integer.parseInt(m.group(3));
            indicators.add(new SdgFramework.Indicator(target + "." + number, target, goal,
                    targetOrdinal(goal, m.group(2)) * 100 + number, titles(texts, FILES[2], key)));
        }
        indicators.sort(Comparator.comparingInt(SdgFramework.Indicator::ordinal));
        return indicators;
    }

    /** Framework order: within a goal, numbered targets (1.1 ... 1.7) before lettered ones (1.a, 1.b). */
    static int targetOrdinal(int goal, String part) {
        int within = Character.isDigit(part.charAt(0)) ? Integer.parseInt(part) : 100 + (part.charAt(0) - 'a');
        return goal * 1000 + within;
    }

    private static Map<String, String> titles(Map<String, Map<String, Map<String, String>>> texts, String file, String key) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            String title = texts.get(language).get(file).get(key);
            if (title != null) {
                titles.put(language, title);
            }
        }
        return titles;
    }

    private static Matcher match(Pattern pattern, String key, String file) {
        Matcher m = pattern.matcher(key);
        if (!m.matches()) {
            throw new IllegalStateException("Unexpected key '" + key + "' in " + file);
        }
        return m;
    }

    /** Keys with blank texts count as missing, so that the item falls back to English. */
    private static Map<String, String> parse(String path, byte[] bytes) {
        Map<String, Object> raw;
        try {
            raw = YAML.readValue(bytes, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the SDG file " + path, e);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        if (raw != null) {
            raw.forEach((key, value) -> {
                if (value != null && !value.toString().isBlank()) {
                    texts.put(key, value.toString());
                }
            });
        }
        return texts;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

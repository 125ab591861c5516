package org.opennrtd.indicators.seeding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reader on small in-memory files: codes from English, labels only where a language has them. */
class SdgFrameworkReaderTest {

    static Map<String, String> files() {
        Map<String, String> files = new HashMap<>();
        files.put("en/global_goals.yml", "1-title: End poverty\n1-short: No poverty\n2-short: Zero hunger\n2-title: End hunger\n");
        files.put("en/global_targets.yml", "1-a-title: Mobilize\n1-10-title: Ten\n1-2-title: Two\n2-1-title: Hunger one\n");
        files.put("en/global_indicators.yml", "1-a-1-title: Share\n1-2-1-title: Poor\n1-2-2-title: Poor\n2-1-1-title: Undernourished\n");
        files.put("fr/global_goals.yml", "1-title: Pas de pauvreté\n1-short: Pauvreté\n2-title: Faim\n");
        files.put("fr/global_targets.yml", "1-2-title: Deux\n1-a-title: '  '\n9-9-title: Inconnue\n");
        files.put("fr/global_indicators.yml", "1-2-1-title: Pauvres\n");
        return files;
    }

    static SdgFramework read(Map<String, String> files) {
        return new SdgFrameworkReader(path -> Optional.ofNullable(files.get(path)).map(s -> s.getBytes(StandardCharsets.UTF_8))).read();
    }

    @Test
    void codesComeFromEnglishInFrameworkOrder() {
        SdgFramework framework = read(files());
        assertEquals(List.of(1, 2), framework.goals().stream().map(SdgFramework.Goal::code).toList());
        assertEquals(List.of("1.2", "1.10", "1.a", "2.1"), framework.targets().stream().map(SdgFramework.Target::code).toList());
        assertEquals(List.of("1.2.1", "1.2.2", "1.a.1", "2.1.1"),
                framework.indicators().stream().map(SdgFramework.Indicator::code).toList());
        SdgFramework.Indicator share = framework.indicators().get(2);
        assertEquals("1.a", share.target());
        assertEquals(1, share.goal());
    }

    @Test
    void missingBlankOrIncompleteTranslationsAreLeftOutSoThatTheItemFallsBackToEnglish() {
        SdgFramework framework = read(files());
        assertEquals(List.of("en", "fr"), List.copyOf(framework.goals().get(0).labels().keySet()));
        assertEquals(new SdgFramework.GoalLabel("Pas de pauvreté", "Pauvreté"), framework.goals().get(0).labels().get("fr"));
        // Goal 2 has a French title but no French short title: the whole label stays English.
        assertEquals(List.of("en"), List.copyOf(framework.goals().get(1).labels().keySet()));
        assertEquals(Map.of("en", "Two", "fr", "Deux"), framework.targets().get(0).titles());
        assertEquals(Map.of("en", "Mobilize"), framework.targets().get(2).titles());
        assertEquals(Map.of("en", "Poor"), framework.indicators().get(1).titles());
        // es, ru, zh-Hans and ar have no files at all here; the French target 9.9 is not in English and is ignored.
        assertEquals(3 + 5 + 5, framework.labelCount());
    }

    @Test
    void theChecksumFollowsTheFilesContent() {
        Map<String, String> changed = files();
        changed.put("fr/global_indicators.yml", "1-2-1-title: Personnes pauvres\n");
        assertEquals(read(files()).checksum(), read(files()).checksum());
        assertNotEquals(read(files()).checksum(), read(changed).checksum());
    }

    @Test
    void unexpectedKeysOrAMissingEnglishFileAreRefused() {
        Map<String, String> badKey = files();
        badKey.put("en/global_targets.yml", "1-2-name: Two\n");
        assertThrows(IllegalStateException.class, () -> read(badKey));
        Map<String, String> noEnglish = files();
        noEnglish.remove("en/global_indicators.yml");
        assertThrows(IllegalStateException.class, () -> read(noEnglish));
        Map<String, String> orphan = files();
        orphan.put("en/global_indicators.yml", "3-1-1-title: Health\n");
        assertThrows(IllegalStateException.class, () -> read(orphan));
    }
}

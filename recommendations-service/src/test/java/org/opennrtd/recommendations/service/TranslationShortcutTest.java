package org.opennrtd.recommendations.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.entity.RecommendationEntity;

/** A read skips looking up translations only where no set of translations could change the language it is served. */
class TranslationShortcutTest {

    private static final List<String> HEADERS = List.of("", "en", "fr", "es", "zh-CN", "de", "*", "en, fr", "fr, en",
            "de, fr;q=0.5", "de, en;q=0.9, fr;q=0.8", "fr;q=0.2, en;q=0.9", "en;q=0, fr", "ar-EG, *;q=0.1", "xx",
            "not a header ;;", "en-GB", "ru;q=0.5, es;q=0.6");

    @Test
    void theShortcutServesWhatTheFullLookupWouldForEveryHeaderAndEverySetOfTranslations() {
        RecommendationEntity entity = new RecommendationEntity();
        entity.text = "original";
        List<String> others = RecommendationService.LANGUAGES.subList(1, RecommendationService.LANGUAGES.size());
        for (String header : HEADERS) {
            String h = header.isEmpty() ? null : header;
            if (RecommendationService.mayWantTranslation(h)) {
                continue;
            }
            for (int mask = 0; mask < 1 << others.size(); mask++) {
                Map<String, String> texts = new LinkedHashMap<>();
                for (int i = 0; i < others.size(); i++) {
                    if ((mask & 1 << i) != 0) {
                        texts.put(others.get(i), "text in " + others.get(i));
                    }
                }
                assertEquals("en", RecommendationService.localized(entity, texts, h).language(),
                        "header '" + h + "', translations " + texts.keySet());
            }
        }
    }

    @Test
    void aReaderWhoPrefersAnotherLanguageStillGetsTheLookup() {
        List<String> skipped = new ArrayList<>();
        for (String header : HEADERS) {
            if (!RecommendationService.mayWantTranslation(header.isEmpty() ? null : header)) {
                skipped.add(header);
            }
        }
        assertTrue(skipped.containsAll(List.of("", "en", "*", "en, fr", "xx", "en-GB", "de, en;q=0.9, fr;q=0.8")), skipped.toString());
        assertFalse(skipped.contains("fr"));
        assertFalse(skipped.contains("fr, en"));
        assertFalse(skipped.contains("de, fr;q=0.5"));
        assertFalse(skipped.contains("en;q=0, fr"));
    }
}

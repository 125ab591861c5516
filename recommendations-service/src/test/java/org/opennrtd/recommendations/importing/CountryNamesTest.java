package org.opennrtd.recommendations.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CountryNamesTest {

    private static final Set<String> ISO3 = new HashSet<>();

    static {
        for (String alpha2 : Locale.getISOCountries()) {
            ISO3.add(new Locale("", alpha2).getISO3Country());
        }
    }

    @Test
    void everyUnMemberAndObserverStateMapsToItsOwnIsoCode() {
        Map<String, String> states = CountryNames.unStates();
        assertEquals(195, states.size(), "193 Member States and 2 observer States");
        assertEquals(195, new HashSet<>(states.values()).size(), "no two States share a code");
        states.forEach((name, code) -> {
            assertTrue(ISO3.contains(code), code + " is an ISO 3166-1 alpha-3 code");
            assertEquals(Optional.of(code), CountryNames.toIso3(name), name);
            assertEquals(Optional.of(code), CountryNames.toIso3(name.toUpperCase(Locale.ROOT)), name + " in capitals");
            assertEquals(Optional.of(code), CountryNames.toIso3(code), code + " itself");
        });
    }

    @Test
    void unNamesAsTheIndexWritesThemAndTheirVariants() {
        assertEquals(Optional.of("TUR"), CountryNames.toIso3("Türkiye"));
        assertEquals(Optional.of("TUR"), CountryNames.toIso3("Turkiye"));
        assertEquals(Optional.of("BOL"), CountryNames.toIso3("Bolivia (Plurinational State of)"));
        assertEquals(Optional.of("PSE"), CountryNames.toIso3("State of Palestine"));
        assertEquals(Optional.of("VAT"), CountryNames.toIso3("Holy See"));
        assertEquals(Optional.of("CIV"), CountryNames.toIso3("Côte d’Ivoire"));
        assertEquals(Optional.of("COG"), CountryNames.toIso3("Congo"));
        assertEquals(Optional.of("COD"), CountryNames.toIso3("Democratic Republic of the Congo"));
        assertEquals(Optional.of("PRK"), CountryNames.toIso3("Democratic People's Republic of Korea"));
        assertEquals(Optional.of("KOR"), CountryNames.toIso3("Republic  of Korea"));
        assertEquals(Optional.of("NLD"), CountryNames.toIso3("Netherlands (Kingdom of the)"));
    }

    @Test
    void anUnknownNameIsNotGuessed() {
        assertEquals(Optional.empty(), CountryNames.toIso3("Atlantis"));
        assertEquals(Optional.empty(), CountryNames.toIso3("Korea"));
        assertEquals(Optional.empty(), CountryNames.toIso3("Republic of"));
        assertEquals(Optional.empty(), CountryNames.toIso3(""));
        assertEquals(Optional.empty(), CountryNames.toIso3(null));
    }
}

package org.opennrtd.recommendations.importing;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ISO 3166-1 alpha-3 codes for the country names UN documents use. Built from the JDK's ISO list with its English
 * names, plus the UN's official short names where they differ (the Universal Human Rights Index writes "Bolivia
 * (Plurinational State of)", "Türkiye", "United Kingdom of Great Britain and Northern Ireland", ...).
 */
public final class CountryNames {

    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        for (String alpha2 : Locale.getISOCountries()) {
            Locale locale = new Locale("", alpha2);
            String alpha3 = locale.getISO3Country();
            BY_NAME.put(key(locale.getDisplayCountry(Locale.ENGLISH)), alpha3);
            BY_NAME.put(key(alpha3), alpha3);
        }
        String[][] un = {
            {"Bolivia (Plurinational State of)", "BOL"}, {"Venezuela (Bolivarian Republic of)", "VEN"},
            {"Iran (Islamic Republic of)", "IRN"}, {"Micronesia (Federated States of)", "FSM"},
            {"United Kingdom of Great Britain and Northern Ireland", "GBR"}, {"United Kingdom", "GBR"},
            {"United States of America", "USA"}, {"United States", "USA"}, {"Russian Federation", "RUS"},
            {"Republic of Korea", "KOR"}, {"Democratic People's Republic of Korea", "PRK"},
            {"Republic of Moldova", "MDA"}, {"United Republic of Tanzania", "TZA"}, {"Syrian Arab Republic", "SYR"},
            {"Lao People's Democratic Republic", "LAO"}, {"Viet Nam", "VNM"}, {"Türkiye", "TUR"}, {"Turkey", "TUR"},
            {"Czechia", "CZE"}, {"Czech Republic", "CZE"}, {"North Macedonia", "MKD"},
            {"The former Yugoslav Republic of Macedonia", "MKD"}, {"Côte d'Ivoire", "CIV"}, {"Cote d'Ivoire", "CIV"},
            {"Democratic Republic of the Congo", "COD"}, {"Congo", "COG"}, {"Eswatini", "SWZ"}, {"Swaziland", "SWZ"},
            {"Cabo Verde", "CPV"}, {"Holy See", "VAT"}, {"State of Palestine", "PSE"}, {"Brunei Darussalam", "BRN"},
            {"Myanmar", "MMR"}, {"Gambia", "GMB"}, {"Bahamas", "BHS"}, {"Netherlands (Kingdom of the)", "NLD"},
            {"Netherlands", "NLD"}, {"Timor-Leste", "TLS"}, {"Saint Kitts and Nevis", "KNA"},
            {"Saint Vincent and the Grenadines", "VCT"}, {"Saint Lucia", "LCA"}, {"Sao Tome and Principe", "STP"},
            {"Libya", "LBY"}, {"Kyrgyzstan", "KGZ"}, {"Slovakia", "SVK"}, {"Slovenia", "SVN"}, {"Croatia", "HRV"},
        };
        for (String[] pair : un) {
            BY_NAME.put(key(pair[0]), pair[1]);
        }
    }

    private CountryNames() {
    }

    /** The alpha-3 code for a name or code, if it is a country the index knows. */
    public static Optional<String> toIso3(String nameOrCode) {
        if (nameOrCode == null || nameOrCode.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(key(nameOrCode)));
    }

    private static String key(String name) {
        String plain = Normalizer.normalize(name.trim(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("\\s+", " ");
    }
}

package org.opennrtd.recommendations.importing;

import java.text.Normalizer;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ISO 3166-1 alpha-3 codes for the State names UN documents use: every UN Member State and the two observer States
 * under their UN short names (as the Universal Human Rights Index writes them: "Bolivia (Plurinational State of)",
 * "T\u00fcrkiye", "Holy See", ...), earlier UN names still found in older records, the JDK's English names of the ISO
 * list and the alpha-3 codes themselves. A name matched by none of these is unknown: the caller reports it, never
 * guesses. Matching ignores case, accents and runs of spaces.
 */
public final class CountryNames {

    /** The 193 Member States of the United Nations, by UN short name (UNTERM). */
    private static final String[][] MEMBER_STATES = {
            {"Afghanistan", "AFG"}, {"Albania", "ALB"}, {"Algeria", "DZA"}, {"Andorra", "AND"}, {"Angola", "AGO"},
            {"Antigua and Barbuda", "ATG"}, {"Argentina", "ARG"}, {"Armenia", "ARM"}, {"Australia", "AUS"},
            {"Austria", "AUT"}, {"Azerbaijan", "AZE"}, {"Bahamas", "BHS"}, {"Bahrain", "BHR"},
            {"Bangladesh", "BGD"}, {"Barbados", "BRB"}, {"Belarus", "BLR"}, {"Belgium", "BEL"}, {"Belize", "BLZ"},
            {"Benin", "BEN"}, {"Bhutan", "BTN"}, {"Bolivia (Plurinational State of)", "BOL"},
            {"Bosnia and Herzegovina", "BIH"}, {"Botswana", "BWA"}, {"Brazil", "BRA"}, {"Brunei Darussalam", "BRN"},
            {"Bulgaria", "BGR"}, {"Burkina Faso", "BFA"}, {"Burundi", "BDI"}, {"Cabo Verde", "CPV"},
            {"Cambodia", "KHM"}, {"Cameroon", "CMR"}, {"Canada", "CAN"}, {"Central African Republic", "CAF"},
            {"Chad", "TCD"}, {"Chile", "CHL"}, {"China", "CHN"}, {"Colombia", "COL"}, {"Comoros", "COM"},
            {"Congo", "COG"}, {"Costa Rica", "CRI"}, {"Côte d'Ivoire", "CIV"}, {"Croatia", "HRV"}, {"Cuba", "CUB"},
            {"Cyprus", "CYP"}, {"Czechia", "CZE"}, {"Democratic People's Republic of Korea", "PRK"},
            {"Democratic Republic of the Congo", "COD"}, {"Denmark", "DNK"}, {"Djibouti", "DJI"},
            {"Dominica", "DMA"}, {"Dominican Republic", "DOM"}, {"Ecuador", "ECU"}, {"Egypt", "EGY"},
            {"El Salvador", "SLV"}, {"Equatorial Guinea", "GNQ"}, {"Eritrea", "ERI"}, {"Estonia", "EST"},
            {"Eswatini", "SWZ"}, {"Ethiopia", "ETH"}, {"Fiji", "FJI"}, {"Finland", "FIN"}, {"France", "FRA"},
            {"Gabon", "GAB"}, {"Gambia", "GMB"}, {"Georgia", "GEO"}, {"Germany", "DEU"}, {"Ghana", "GHA"},
            {"Greece", "GRC"}, {"Grenada", "GRD"}, {"Guatemala", "GTM"}, {"Guinea", "GIN"},
            {"Guinea-Bissau", "GNB"}, {"Guyana", "GUY"}, {"Haiti", "HTI"}, {"Honduras", "HND"}, {"Hungary", "HUN"},
            {"Iceland", "ISL"}, {"India", "IND"}, {"Indonesia", "IDN"}, {"Iran (Islamic Republic of)", "IRN"},
            {"Iraq", "IRQ"}, {"Ireland", "IRL"}, {"Israel", "ISR"}, {"Italy", "ITA"}, {"Jamaica", "JAM"},
            {"Japan", "JPN"}, {"Jordan", "JOR"}, {"Kazakhstan", "KAZ"}, {"Kenya", "KEN"}, {"Kiribati", "KIR"},
            {"Kuwait", "KWT"}, {"Kyrgyzstan", "KGZ"}, {"Lao People's Democratic Republic", "LAO"},
            {"Latvia", "LVA"}, {"Lebanon", "LBN"}, {"Lesotho", "LSO"}, {"Liberia", "LBR"}, {"Libya", "LBY"},
            {"Liechtenstein", "LIE"}, {"Lithuania", "LTU"}, {"Luxembourg", "LUX"}, {"Madagascar", "MDG"},
            {"Malawi", "MWI"}, {"Malaysia", "MYS"}, {"Maldives", "MDV"}, {"Mali", "MLI"}, {"Malta", "MLT"},
            {"Marshall Islands", "MHL"}, {"Mauritania", "MRT"}, {"Mauritius", "MUS"}, {"Mexico", "MEX"},
            {"Micronesia (Federated States of)", "FSM"}, {"Monaco", "MCO"}, {"Mongolia", "MNG"},
            {"Montenegro", "MNE"}, {"Morocco", "MAR"}, {"Mozambique", "MOZ"}, {"Myanmar", "MMR"},
            {"Namibia", "NAM"}, {"Nauru", "NRU"}, {"Nepal", "NPL"}, {"Netherlands (Kingdom of the)", "NLD"},
            {"New Zealand", "NZL"}, {"Nicaragua", "NIC"}, {"Niger", "NER"}, {"Nigeria", "NGA"},
            {"North Macedonia", "MKD"}, {"Norway", "NOR"}, {"Oman", "OMN"}, {"Pakistan", "PAK"}, {"Palau", "PLW"},
            {"Panama", "PAN"}, {"Papua New Guinea", "PNG"}, {"Paraguay", "PRY"}, {"Peru", "PER"},
            {"Philippines", "PHL"}, {"Poland", "POL"}, {"Portugal", "PRT"}, {"Qatar", "QAT"},
            {"Republic of Korea", "KOR"}, {"Republic of Moldova", "MDA"}, {"Romania", "ROU"},
            {"Russian Federation", "RUS"}, {"Rwanda", "RWA"}, {"Saint Kitts and Nevis", "KNA"},
            {"Saint Lucia", "LCA"}, {"Saint Vincent and the Grenadines", "VCT"}, {"Samoa", "WSM"},
            {"San Marino", "SMR"}, {"Sao Tome and Principe", "STP"}, {"Saudi Arabia", "SAU"}, {"Senegal", "SEN"},
            {"Serbia", "SRB"}, {"Seychelles", "SYC"}, {"Sierra Leone", "SLE"}, {"Singapore", "SGP"},
            {"Slovakia", "SVK"}, {"Slovenia", "SVN"}, {"Solomon Islands", "SLB"}, {"Somalia", "SOM"},
            {"South Africa", "ZAF"}, {"South Sudan", "SSD"}, {"Spain", "ESP"}, {"Sri Lanka", "LKA"},
            {"Sudan", "SDN"}, {"Suriname", "SUR"}, {"Sweden", "SWE"}, {"Switzerland", "CHE"},
            {"Syrian Arab Republic", "SYR"}, {"Tajikistan", "TJK"}, {"Thailand", "THA"}, {"Timor-Leste", "TLS"},
            {"Togo", "TGO"}, {"Tonga", "TON"}, {"Trinidad and Tobago", "TTO"}, {"Tunisia", "TUN"},
            {"Türkiye", "TUR"}, {"Turkmenistan", "TKM"}, {"Tuvalu", "TUV"}, {"Uganda", "UGA"}, {"Ukraine", "UKR"},
            {"United Arab Emirates", "ARE"}, {"United Kingdom of Great Britain and Northern Ireland", "GBR"},
            {"United Republic of Tanzania", "TZA"}, {"United States of America", "USA"}, {"Uruguay", "URY"},
            {"Uzbekistan", "UZB"}, {"Vanuatu", "VUT"}, {"Venezuela (Bolivarian Republic of)", "VEN"},
            {"Viet Nam", "VNM"}, {"Yemen", "YEM"}, {"Zambia", "ZMB"}, {"Zimbabwe", "ZWE"},
    };

    /** The non-member observer States. */
    private static final String[][] OBSERVER_STATES = {
            {"Holy See", "VAT"}, {"State of Palestine", "PSE"},
    };

    /** Names the UN used earlier or that records commonly carry. */
    private static final String[][] OTHER_NAMES = {
        {"United Kingdom", "GBR"}, {"United States", "USA"}, {"Turkey", "TUR"}, {"Czech Republic", "CZE"},
        {"The former Yugoslav Republic of Macedonia", "MKD"}, {"Swaziland", "SWZ"}, {"Cape Verde", "CPV"},
        {"Netherlands", "NLD"}, {"Ivory Coast", "CIV"}, {"Democratic Republic of Congo", "COD"},
        {"Republic of the Congo", "COG"}, {"Vietnam", "VNM"}, {"Laos", "LAO"}, {"Moldova", "MDA"}, {"Tanzania", "TZA"},
        {"Syria", "SYR"}, {"Iran", "IRN"}, {"Bolivia", "BOL"}, {"Venezuela", "VEN"}, {"Palestine", "PSE"},
        {"Vatican City", "VAT"}, {"Russia", "RUS"}, {"Brunei", "BRN"}, {"Micronesia", "FSM"}, {"East Timor", "TLS"},
        {"Sao Tome and Principe", "STP"}, {"Gambia (Republic of The)", "GMB"}, {"Bahamas (the)", "BHS"},
        {"Korea (Republic of)", "KOR"}, {"Korea (Democratic People's Republic of)", "PRK"},
    };

    private static final Map<String, String> BY_NAME = new HashMap<>();
    private static final Map<String, String> UN_STATES = new LinkedHashMap<>();

    static {
        for (String alpha2 : Locale.getISOCountries()) {
            Locale locale = new Locale("", alpha2);
            String alpha3 = locale.getISO3Country();
            BY_NAME.put(key(locale.getDisplayCountry(Locale.ENGLISH)), alpha3);
            BY_NAME.put(key(alpha3), alpha3);
        }
        for (String[][] table : new String[][][] {OTHER_NAMES, MEMBER_STATES, OBSERVER_STATES}) {
            for (String[] pair : table) {
                BY_NAME.put(key(pair[0]), pair[1]);
            }
        }
        for (String[][] table : new String[][][] {MEMBER_STATES, OBSERVER_STATES}) {
            for (String[] pair : table) {
                UN_STATES.put(pair[0], pair[1]);
            }
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

    /** Every UN Member and observer State: its UN short name and alpha-3 code, in alphabetical order. */
    public static Map<String, String> unStates() {
        return Collections.unmodifiableMap(UN_STATES);
    }

    private static String key(String name) {
        String plain = Normalizer.normalize(name.trim(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replaceAll("\\s+", " ");
    }
}

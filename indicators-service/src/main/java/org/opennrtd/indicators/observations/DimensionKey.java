package org.opennrtd.indicators.observations;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A combination of dimension codes identifying one disaggregated series. Totals ({@code _T}, empty) are left out,
 * so that "SEX total" and "no SEX" are the same series. The canonical key ({@code AGE=Y15T24|SEX=F}, empty for the
 * total series) is what the database indexes series by.
 */
public final class DimensionKey {

    public static final String TOTAL = "_T";

    private DimensionKey() {
    }

    /** The codes without totals, ordered by dimension. */
    public static SortedMap<String, String> normalise(Map<String, String> codes) {
        SortedMap<String, String> out = new TreeMap<>();
        if (codes != null) {
            codes.forEach((dimension, code) -> {
                if (code != null && !code.isBlank() && !TOTAL.equals(code.strip())) {
                    out.put(dimension.strip(), code.strip());
                }
            });
        }
        return out;
    }

    public static String key(SortedMap<String, String> normalised) {
        return normalised.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("|"));
    }

    /** The codes as a JSON object; codes and dimension names match patterns without quotes or backslashes. */
    public static String json(SortedMap<String, String> normalised) {
        return normalised.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}

package org.opennrtd.indicators.importing;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What rows of one country's file are checked against, loaded once per file: the country's indicators by code and
 * the dimension catalogue.
 */
public record ImportCatalogue(String country, Map<String, Indicator> indicators, Map<String, Set<String>> dimensions) {

    public record Indicator(UUID id, String code, Set<String> dimensions, String providerInstitution, String unit,
            String periodicity) {
    }
}

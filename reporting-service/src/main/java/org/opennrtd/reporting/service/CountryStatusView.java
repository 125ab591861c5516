package org.opennrtd.reporting.service;

import java.time.OffsetDateTime;

/**
 * A country status as served: fresh, or the last good snapshot when a service it combines is unavailable.
 *
 * @param snapshotAt when the data was read from the services
 * @param ageSeconds seconds since then; 0 when fresh
 * @param entityTag a strong tag of the content (the same data gives the same tag, whatever {@code generatedAt})
 */
public record CountryStatusView(CountryStatusReport report, boolean stale, OffsetDateTime snapshotAt,
                                long ageSeconds, String entityTag) {
}

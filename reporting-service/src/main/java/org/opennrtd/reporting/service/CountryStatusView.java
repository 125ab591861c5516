package org.opennrtd.reporting.service;

import java.time.OffsetDateTime;

/**
 * A country status as served: computed for this request, the stored snapshot while it is within the freshness
 * window, or the last good snapshot (stale) when a service it combines is unavailable.
 *
 * @param snapshotAt when the data was read from the services
 * @param ageSeconds seconds since then; 0 when computed for this request
 * @param entityTag a strong tag of the content (the same data gives the same tag, whatever {@code generatedAt})
 * @param freshForSeconds seconds a client may still reuse this answer without asking again (what is left of the
 *                        freshness window); 0 when it must revalidate: stale, or no window configured
 */
public record CountryStatusView(CountryStatusReport report, boolean stale, OffsetDateTime snapshotAt,
                                long ageSeconds, String entityTag, long freshForSeconds) {
}

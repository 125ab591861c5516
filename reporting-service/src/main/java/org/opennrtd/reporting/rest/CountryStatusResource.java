package org.opennrtd.reporting.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.reporting.api.CountryStatusApi;
import org.opennrtd.reporting.api.model.CountryStatus;
import org.opennrtd.reporting.mapping.CountryStatusCsv;
import org.opennrtd.reporting.mapping.CountryStatusMapper;
import org.opennrtd.reporting.service.CountryStatusService;
import org.opennrtd.reporting.service.CountryStatusView;

/**
 * HTTP only: the contract's CountryStatusApi, mapped onto {@link CountryStatusService}, as JSON or CSV (by
 * {@code Accept}), with validators for conditional requests, the freshness headers ({@code Cache-Control},
 * {@code Age}) and the staleness headers of a snapshot; the request's {@code Cache-Control} may ask for fresh data.
 */
public class CountryStatusResource implements CountryStatusApi {

    static final String CSV = "text/csv";
    /** For an answer a client must revalidate: stale, or served with no freshness window configured. */
    static final String REVALIDATE = "private, no-cache";

    @Inject
    CountryStatusService service;

    @Context
    HttpHeaders headers;

    @Override
    public RestResponse<CountryStatus> getCountryStatus(String iso3, String acceptLanguage, String ifNoneMatch,
                                                        String ifModifiedSince, String cacheControl) {
        boolean csv = wantsCsv();
        CountryStatusView view = service.view(iso3, acceptLanguage, RequestCacheControl.acceptedAge(cacheControl));
        String etag = csv ? view.entityTag().replaceFirst("\"$", "-csv\"") : view.entityTag();
        OffsetDateTime lastModified = view.report().lastUpdatedAt();

        RestResponse.ResponseBuilder<Object> response;
        if (ConditionalRequests.notModified(ifNoneMatch, ifModifiedSince, etag, lastModified)) {
            response = RestResponse.ResponseBuilder.create(RestResponse.Status.NOT_MODIFIED);
        } else if (csv) {
            response = RestResponse.ResponseBuilder.ok(CountryStatusCsv.toCsv(view.report()), CSV + "; charset=UTF-8");
        } else {
            response = RestResponse.ResponseBuilder.ok(CountryStatusMapper.toDto(view), MediaType.APPLICATION_JSON);
        }
        response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, view.freshForSeconds() > 0
                        ? "private, max-age=" + view.freshForSeconds() : REVALIDATE)
                .header("Age", view.ageSeconds())
                .header(HttpHeaders.VARY, "Accept, Accept-Language")
                .header(HttpHeaders.CONTENT_LANGUAGE, view.report().language());
        if (lastModified != null) {
            response.header(HttpHeaders.LAST_MODIFIED, ConditionalRequests.httpDate(lastModified));
        }
        if (view.stale()) {
            response.header("X-Data-Age", view.ageSeconds())
                    .header("Warning", "110 - \"Response is stale: a service it combines is unavailable; data as of "
                            + ConditionalRequests.httpDate(view.snapshotAt()) + "\"");
        }
        return ConditionalRequests.untyped(response.build());
    }

    /** CSV only when the client prefers it to JSON. */
    private boolean wantsCsv() {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return false;
            }
            if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                return true;
            }
            if (type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }
}

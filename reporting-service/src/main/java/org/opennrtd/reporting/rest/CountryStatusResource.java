package org.opennrtd.reporting.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.reporting.api.CountryStatusApi;
import org.opennrtd.reporting.api.model.CountryStatus;
import org.opennrtd.reporting.mapping.CountryStatusMapper;
import org.opennrtd.reporting.service.CountryStatusReport;
import org.opennrtd.reporting.service.CountryStatusService;

/** HTTP only: the contract's CountryStatusApi, mapped onto {@link CountryStatusService}. */
public class CountryStatusResource implements CountryStatusApi {

    @Inject
    CountryStatusService service;

    @Override
    public RestResponse<CountryStatus> getCountryStatus(String iso3, String acceptLanguage) {
        CountryStatusReport report = service.status(iso3, acceptLanguage);
        return RestResponse.ResponseBuilder.ok(CountryStatusMapper.toDto(report))
                .header(HttpHeaders.CONTENT_LANGUAGE, report.language())
                .build();
    }
}

package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.recommendations.api.ReprisalReportsApi;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.api.model.ReprisalReport;
import org.opennrtd.recommendations.api.model.ReprisalReportInput;
import org.opennrtd.recommendations.api.model.ReprisalReportPage;
import org.opennrtd.recommendations.mapping.ModerationMapper;
import org.opennrtd.recommendations.repository.ReprisalReportRepository;
import org.opennrtd.recommendations.service.ReprisalReportService;

/** HTTP only: the contract's ReprisalReportsApi, mapped onto {@link ReprisalReportService}. */
public class ReprisalReportResource implements ReprisalReportsApi {

    @Inject
    ReprisalReportService service;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<ReprisalReportPage> listReprisalReports(String country, Integer offset, Integer limit) {
        ReprisalReportRepository.Slice slice = service.list(country, offset, limit);
        return RestResponse.ok(new ReprisalReportPage()
                .items(slice.items().stream().map(ModerationMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(slice.total())));
    }

    @Override
    public RestResponse<ReprisalReport> createReprisalReport(ReprisalReportInput input) {
        ReprisalReport created = ModerationMapper.toDto(service.create(ModerationMapper.toDraft(input)));
        return RestResponse.ResponseBuilder.<ReprisalReport>created(
                        uriInfo.getBaseUriBuilder().path("api/v1/reprisal-reports/{id}").build(created.getId()))
                .entity(created).header("ETag", EntityTags.of(created.getVersion())).build();
    }

    @Override
    public RestResponse<ReprisalReport> getReprisalReport(UUID id) {
        ReprisalReport report = ModerationMapper.toDto(service.get(id));
        return RestResponse.ResponseBuilder.ok(report).header("ETag", EntityTags.of(report.getVersion())).build();
    }
}

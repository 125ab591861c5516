package org.opennrtd.reporting.rest;

import jakarta.inject.Inject;
import java.net.URI;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.reporting.api.ReportJobsApi;
import org.opennrtd.reporting.api.model.PageMeta;
import org.opennrtd.reporting.api.model.ReportJob;
import org.opennrtd.reporting.api.model.ReportJobPage;
import org.opennrtd.reporting.api.model.ReportJobState;
import org.opennrtd.reporting.api.model.ReportRequest;
import org.opennrtd.reporting.entity.ReportJobEntity;
import org.opennrtd.reporting.mapping.ReportMapper;
import org.opennrtd.reporting.service.ReportJobService;

/** HTTP only: the contract's ReportJobsApi, mapped onto {@link ReportJobService}. */
public class ReportJobResource implements ReportJobsApi {

    @Inject
    ReportJobService service;

    @Inject
    ReportMapper mapper;

    @Override
    public RestResponse<ReportJob> createReportJob(ReportRequest request, String acceptLanguage) {
        ReportJobEntity job = service.submit(ReportMapper.toParameters(request), acceptLanguage);
        return RestResponse.ResponseBuilder.<ReportJob>accepted(mapper.toDto(job))
                .location(URI.create("/api/v1/report-jobs/" + job.id))
                .build();
    }

    @Override
    public RestResponse<ReportJob> getReportJob(UUID id) {
        return RestResponse.ok(mapper.toDto(service.get(id)));
    }

    @Override
    public RestResponse<ReportJobPage> listReportJobs(Integer offset, Integer limit, String country,
                                                      ReportJobState state) {
        ReportJobService.JobPage page = service.list(offset, limit, country,
                state == null ? null : ReportJobEntity.State.valueOf(state.name()));
        return RestResponse.ok(new ReportJobPage().items(page.items().stream().map(mapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }
}

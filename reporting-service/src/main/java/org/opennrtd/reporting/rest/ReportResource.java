package org.opennrtd.reporting.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.reporting.api.ReportsApi;
import org.opennrtd.reporting.api.model.CountChange;
import org.opennrtd.reporting.api.model.PageMeta;
import org.opennrtd.reporting.api.model.Report;
import org.opennrtd.reporting.api.model.ReportComparison;
import org.opennrtd.reporting.api.model.ReportFormat;
import org.opennrtd.reporting.api.model.ReportPage;
import org.opennrtd.reporting.api.model.ReportType;
import org.opennrtd.reporting.entity.ReportVersionEntity;
import org.opennrtd.reporting.mapping.ReportMapper;
import org.opennrtd.reporting.service.ReportVersionService;

/**
 * HTTP only: the contract's ReportsApi, mapped onto {@link ReportVersionService}. There is no update or delete:
 * a stored version is immutable.
 */
public class ReportResource implements ReportsApi {

    @Inject
    ReportVersionService service;

    @Inject
    ReportMapper mapper;

    @Override
    public RestResponse<ReportPage> listReports(Integer offset, Integer limit, String sort, String country,
                                                ReportType type, ReportFormat format) {
        ReportVersionService.VersionPage page = service.list(offset, limit, sort, country,
                type == null ? null : type.name(), format == null ? null : format.name());
        return RestResponse.ok(new ReportPage().items(page.items().stream().map(mapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    @Override
    public RestResponse<Report> getReport(UUID id) {
        ReportVersionEntity v = service.get(id);
        return RestResponse.ResponseBuilder.ok(mapper.toDto(v)).header(HttpHeaders.ETAG, etag(v)).build();
    }

    @Override
    public RestResponse<ReportContent> downloadReport(UUID id) {
        ReportVersionService.Content content = service.content(id);
        ReportVersionEntity v = content.version();
        return RestResponse.ResponseBuilder.ok(new ReportContent(content.bytes()), v.contentType)
                .header(HttpHeaders.ETAG, etag(v))
                .header("X-Checksum-SHA256", v.sha256.trim())
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=31536000, immutable")
                .header("Content-Disposition", "attachment; filename=\"" + v.fileName + "\"")
                .build();
    }

    @Override
    public RestResponse<ReportComparison> compareReport(UUID id, UUID baseline) {
        ReportVersionService.Comparison c = service.compare(id, baseline);
        ReportComparison dto = new ReportComparison().reportId(c.report().id)
                .reportSnapshotAt(c.report().snapshotAt)
                .changes(c.changes().stream().map(ch -> new CountChange().dimension(ch.dimension()).key(ch.key())
                        .before(ch.before()).after(ch.after()).delta(ch.after() - ch.before())).toList());
        if (c.baseline() != null) {
            dto.baselineId(c.baseline().id).baselineSnapshotAt(c.baseline().snapshotAt);
        }
        return RestResponse.ok(dto);
    }

    private static String etag(ReportVersionEntity v) {
        return "\"" + v.sha256.trim() + "\"";
    }
}

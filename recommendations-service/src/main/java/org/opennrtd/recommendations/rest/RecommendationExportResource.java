package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.File;
import java.time.LocalDate;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.security.Caller;
import org.opennrtd.recommendations.api.ExportsApi;
import org.opennrtd.recommendations.api.model.ExportFormat;
import org.opennrtd.recommendations.api.model.Mechanism;
import org.opennrtd.recommendations.api.model.Position;
import org.opennrtd.recommendations.entity.RecommendationEntity;
import org.opennrtd.recommendations.repository.RecommendationQuery;
import org.opennrtd.recommendations.service.RecommendationExportService;

/**
 * HTTP only: the contract's ExportsApi. The file is streamed; the contract types it as binary, which the
 * generated interface declares as {@code File}, while the entity sent is a {@link StreamingOutput}.
 */
public class RecommendationExportResource implements ExportsApi {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    RecommendationExportService service;

    @Inject
    Caller caller;

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public RestResponse<File> exportRecommendations(ExportFormat format, String columns, String q, String sort,
            String country, Mechanism mechanism, String body, Position position, String theme, String affectedPerson,
            String recommendingState, Integer sdgGoal, String sdgTarget, String documentSymbol, Integer uprCycle,
            Integer uprSession, String region, LocalDate publishedFrom, LocalDate publishedTo) {
        RecommendationQuery query = new RecommendationQuery(caller.countryScope(country), q,
                mechanism == null ? null : RecommendationEntity.Mechanism.valueOf(mechanism.name()), body,
                position == null ? null : RecommendationEntity.Position.valueOf(position.name()),
                theme, affectedPerson, recommendingState, sdgGoal, sdgTarget, documentSymbol, uprCycle, uprSession,
                region, publishedFrom, publishedTo, sort, 0, 1);
        boolean xlsx = format == ExportFormat.XLSX;
        RecommendationExportService.Prepared export = service.prepare(
                xlsx ? RecommendationExportService.Format.XLSX : RecommendationExportService.Format.CSV, columns, query);
        StreamingOutput file = out -> service.write(export, out);
        RestResponse response = RestResponse.ResponseBuilder.ok(file, xlsx ? XLSX : "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"recommendations." + (xlsx ? "xlsx" : "csv") + "\"")
                .build();
        return (RestResponse<File>) response;
    }
}

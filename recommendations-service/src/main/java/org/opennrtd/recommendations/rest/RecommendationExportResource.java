package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import java.time.LocalDate;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.ExportFile;
import org.opennrtd.recommendations.api.model.ImplementationStatus;
import org.opennrtd.recommendations.api.model.PriorityLevel;
import org.opennrtd.recommendations.mapping.FollowUpMapper;
import org.opennrtd.common.security.Caller;
import org.opennrtd.recommendations.api.ExportsApi;
import org.opennrtd.recommendations.api.model.ExportFormat;
import org.opennrtd.recommendations.api.model.Mechanism;
import org.opennrtd.recommendations.api.model.Position;
import org.opennrtd.recommendations.entity.RecommendationEntity;
import org.opennrtd.recommendations.repository.RecommendationQuery;
import org.opennrtd.recommendations.service.RecommendationExportService;

/**
 * HTTP only: the contract's ExportsApi. The export is checked and counted here, before any byte; its rows are read
 * and written to the response while {@link org.opennrtd.common.http.ExportFileWriter} sends it.
 */
public class RecommendationExportResource implements ExportsApi {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    RecommendationExportService service;

    @Inject
    Caller caller;

    @Override
    public RestResponse<ExportFile> exportRecommendations(ExportFormat format, String columns, String q, String sort,
            String country, Mechanism mechanism, String body, Position position, String theme, String affectedPerson,
            String recommendingState, Integer sdgGoal, String sdgTarget, String documentSymbol, Integer uprCycle,
            Integer uprSession, String region, LocalDate publishedFrom, LocalDate publishedTo,
            ImplementationStatus implementationStatus, PriorityLevel priorityLevel) {
        RecommendationQuery query = new RecommendationQuery(caller.countryScope(country), q,
                mechanism == null ? null : RecommendationEntity.Mechanism.valueOf(mechanism.name()), body,
                position == null ? null : RecommendationEntity.Position.valueOf(position.name()),
                theme, affectedPerson, recommendingState, sdgGoal, sdgTarget, documentSymbol, uprCycle, uprSession,
                region, publishedFrom, publishedTo, FollowUpMapper.status(implementationStatus),
                FollowUpMapper.level(priorityLevel), null, sort, 0, 1);
        boolean xlsx = format == ExportFormat.XLSX;
        RecommendationExportService.Prepared export = service.prepare(
                xlsx ? RecommendationExportService.Format.XLSX : RecommendationExportService.Format.CSV, columns, query);
        ExportFile file = out -> service.write(export, out);
        return RestResponse.ResponseBuilder.ok(file, xlsx ? XLSX : "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"recommendations." + (xlsx ? "xlsx" : "csv") + "\"")
                .build();
    }
}

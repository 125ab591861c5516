package org.opennrtd.recommendations.rest;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
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
 * HTTP only: the contract's ExportsApi. The service writes the rows page by page to a temporary file, whose bytes
 * {@link ExportFileWriter} sends; the file is deleted when the response ends.
 */
public class RecommendationExportResource implements ExportsApi {

    private static final Logger LOG = Logger.getLogger(RecommendationExportResource.class);
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    RecommendationExportService service;

    @Inject
    Caller caller;

    @Inject
    CurrentVertxRequest request;

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
        Path file = service.writeToTemporaryFile(export);
        request.getCurrent().addEndHandler(ended -> delete(file));
        return RestResponse.ResponseBuilder.ok(new ExportFile(file), xlsx ? XLSX : "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"recommendations." + (xlsx ? "xlsx" : "csv") + "\"")
                .build();
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete the export file %s: %s", file, e.getMessage());
        }
    }
}

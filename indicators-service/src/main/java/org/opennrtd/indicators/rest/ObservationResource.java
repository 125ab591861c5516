package org.opennrtd.indicators.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.http.ExportFile;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.indicators.api.ObservationsApi;
import org.opennrtd.indicators.api.model.AuditEventPage;
import org.opennrtd.indicators.api.model.IndicatorProgressPage;
import org.opennrtd.indicators.api.model.NationalIndicator;
import org.opennrtd.indicators.api.model.Observation;
import org.opennrtd.indicators.api.model.ObservationInput;
import org.opennrtd.indicators.api.model.ObservationPage;
import org.opennrtd.indicators.api.model.ObservationStatus;
import org.opennrtd.indicators.api.model.PageMeta;
import org.opennrtd.indicators.api.model.Progress;
import org.opennrtd.indicators.entity.NationalIndicatorEntity;
import org.opennrtd.indicators.entity.ObservationEntity;
import org.opennrtd.indicators.exporting.ObservationCsvWriter;
import org.opennrtd.indicators.exporting.ObservationJsonWriter;
import org.opennrtd.indicators.mapping.IndicatorMapper;
import org.opennrtd.indicators.service.NationalIndicatorService;
import org.opennrtd.indicators.service.ObservationService;

/** HTTP only: the contract's ObservationsApi, mapped onto {@link ObservationService}. */
public class ObservationResource implements ObservationsApi {

    @Inject
    ObservationService service;

    @Inject
    NationalIndicatorService indicators;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    /** Rows fetched from the cursor at a time. */
    static final int EXPORT_FETCH = 1_000;

    /**
     * The read holds one transaction (and one connection) while the client takes the file: 10 minutes, far more
     * than an export takes to a client that reads it, bounds what a stalled one can hold.
     */
    static final int EXPORT_TIMEOUT_SECONDS = 600;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<ObservationPage> listObservations(UUID id, Integer offset, Integer limit, List<String> dimension,
            Boolean anyOtherDimension, LocalDate from, LocalDate to, ObservationStatus status) {
        ObservationService.Page page = service.series(id, dimension, anyOtherDimension, from, to,
                status == null ? null : status.name(), offset, limit);
        return RestResponse.ok(page(page, offset, limit));
    }

    @Override
    public RestResponse<Observation> createObservation(UUID id, ObservationInput in) {
        ObservationEntity created = service.create(id, IndicatorMapper.toDraft(in));
        return RestResponse.ResponseBuilder.<Observation>created(uriInfo.getBaseUriBuilder()
                        .path("api/v1/national-indicators/{id}/observations/{observationId}").build(id, created.id))
                .entity(IndicatorMapper.toDto(created)).header("ETag", EntityTags.of(created.version)).build();
    }

    @Override
    public RestResponse<Observation> updateObservation(UUID id, UUID observationId, ObservationInput in, String ifMatch) {
        ObservationEntity updated = service.update(id, observationId, IndicatorMapper.toDraft(in), ifMatch);
        return RestResponse.ResponseBuilder.ok(IndicatorMapper.toDto(updated))
                .header("ETag", EntityTags.of(updated.version)).build();
    }

    @Override
    public RestResponse<Void> deleteObservation(UUID id, UUID observationId, String ifMatch) {
        service.delete(id, observationId, ifMatch);
        return RestResponse.noContent();
    }

    @Override
    public RestResponse<AuditEventPage> getObservationHistory(UUID id, UUID observationId, Integer offset,
            Integer limit) {
        return RestResponse.ok(IndicatorMapper.toDto(service.history(id, observationId, offset, limit), offset, limit));
    }

    @Override
    public RestResponse<ObservationPage> listLatestValues(UUID id, Integer offset, Integer limit, List<String> dimension,
            Boolean anyOtherDimension) {
        NationalIndicatorEntity indicator = indicators.get(id);
        return RestResponse.ok(page(service.latest(id, service.filter(indicator, dimension, anyOtherDimension), offset,
                limit), offset, limit));
    }

    @Override
    public RestResponse<Progress> getProgress(UUID id, List<String> dimension) {
        NationalIndicatorEntity indicator = indicators.get(id);
        return RestResponse.ok(IndicatorMapper.toDto(service.progress(indicator, service.filter(indicator, dimension,
                false))));
    }

    @Override
    public RestResponse<IndicatorProgressPage> listNationalIndicatorProgress(String country, List<UUID> indicatorId,
            Integer offset, Integer limit) {
        return RestResponse.ok(IndicatorMapper.toDto(service.progressOfCountry(country, indicatorId, offset, limit),
                offset, limit));
    }

    @Override
    public RestResponse<String> exportObservations(UUID id, String format, List<String> dimension,
            Boolean anyOtherDimension, LocalDate from, LocalDate to) {
        NationalIndicatorEntity indicator = indicators.get(id);
        ObservationService.SeriesFilter filter = service.filter(indicator, dimension, anyOtherDimension);
        String fileName = indicator.country + "-" + indicator.code.replaceAll("[^A-Za-z0-9_.-]", "_");
        return switch (format) {
            case "CSV" -> file(out -> export(id, filter, from, to,
                    rows -> ObservationCsvWriter.csv(indicator, rows, out)), "text/csv; charset=UTF-8", fileName + ".csv");
            case "SDMX_CSV" -> file(out -> export(id, filter, from, to,
                    rows -> ObservationCsvWriter.sdmxCsv(indicator, rows, out)),
                    "application/vnd.sdmx.data+csv; charset=UTF-8", fileName + ".sdmx.csv");
            case "JSON" -> {
                NationalIndicator dto = IndicatorMapper.toDto(indicator);
                yield file(out -> export(id, filter, from, to, rows -> ObservationJsonWriter.series(json, dto, rows, out)),
                        "application/json", fileName + ".json");
            }
            default -> throw ProblemException.invalidField("format", "must be CSV, SDMX_CSV or JSON");
        };
    }

    private interface RowsWriter {
        void write(Iterator<ObservationEntity> rows) throws IOException;
    }

    /**
     * Reads the observations through a cursor, in a transaction of its own while the response is sent, and hands
     * them to {@code writer} one by one, each leaving the persistence context as it is read. The statement runs
     * before the first byte, so a read that fails at once leaves the response untouched (a problem answer).
     */
    private void export(UUID id, ObservationService.SeriesFilter filter, LocalDate from, LocalDate to,
            RowsWriter writer) throws IOException {
        try {
            QuarkusTransaction.requiringNew().timeout(EXPORT_TIMEOUT_SECONDS).run(() -> {
                try (Stream<ObservationEntity> rows = service.all(id, filter, from, to, EXPORT_FETCH)) {
                    Iterator<ObservationEntity> read = rows.map(o -> {
                        em.detach(o);
                        return o;
                    }).iterator();
                    read.hasNext();
                    writer.write(read);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The response is declared String (the contract's schema is a string); an {@link ExportFile} entity is written by
     * {@link org.opennrtd.common.http.ExportFileWriter}, whatever the declared type.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RestResponse<String> file(ExportFile body, String type, String name) {
        return (RestResponse) RestResponse.ResponseBuilder.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private static ObservationPage page(ObservationService.Page page, int offset, int limit) {
        return new ObservationPage().items(page.items().stream().map(IndicatorMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total()));
    }
}

package org.opennrtd.indicators.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.indicators.api.ObservationsApi;
import org.opennrtd.indicators.api.model.IndicatorProgressPage;
import org.opennrtd.indicators.api.model.Observation;
import org.opennrtd.indicators.api.model.ObservationInput;
import org.opennrtd.indicators.api.model.ObservationPage;
import org.opennrtd.indicators.api.model.ObservationSeries;
import org.opennrtd.indicators.api.model.ObservationStatus;
import org.opennrtd.indicators.api.model.PageMeta;
import org.opennrtd.indicators.api.model.Progress;
import org.opennrtd.indicators.entity.NationalIndicatorEntity;
import org.opennrtd.indicators.entity.ObservationEntity;
import org.opennrtd.indicators.exporting.ObservationCsvWriter;
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

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<ObservationPage> listObservations(UUID id, Integer offset, Integer limit, List<String> dimension,
            Boolean anyOtherDimension, LocalDate from, LocalDate to, ObservationStatus status) {
        NationalIndicatorEntity indicator = indicators.get(id);
        ObservationService.Page page = service.list(id, service.filter(indicator, dimension, anyOtherDimension), from,
                to, status == null ? null : status.name(), offset, limit);
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
        List<ObservationEntity> all = service.all(id, service.filter(indicator, dimension, anyOtherDimension), from, to);
        String fileName = indicator.country + "-" + indicator.code.replaceAll("[^A-Za-z0-9_.-]", "_");
        return switch (format) {
            case "CSV" -> file(ObservationCsvWriter.csv(indicator, all), "text/csv; charset=UTF-8", fileName + ".csv");
            case "SDMX_CSV" -> file(ObservationCsvWriter.sdmxCsv(indicator, all),
                    "application/vnd.sdmx.data+csv; charset=UTF-8", fileName + ".sdmx.csv");
            case "JSON" -> file(json(new ObservationSeries().indicator(IndicatorMapper.toDto(indicator))
                    .observations(all.stream().map(IndicatorMapper::toDto).toList())), "application/json", fileName + ".json");
            default -> throw ProblemException.invalidField("format", "must be CSV, SDMX_CSV or JSON");
        };
    }

    private String json(ObservationSeries series) {
        try {
            return json.writeValueAsString(series);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RestResponse<String> file(String body, String type, String name) {
        return RestResponse.ResponseBuilder.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private static ObservationPage page(ObservationService.Page page, int offset, int limit) {
        return new ObservationPage().items(page.items().stream().map(IndicatorMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total()));
    }
}

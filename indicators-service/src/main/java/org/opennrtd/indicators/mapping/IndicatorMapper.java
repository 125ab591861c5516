package org.opennrtd.indicators.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.indicators.api.model.AuditEvent;
import org.opennrtd.indicators.api.model.AuditEventPage;
import org.opennrtd.indicators.api.model.DataProvider;
import org.opennrtd.indicators.api.model.NationalIndicator;
import org.opennrtd.indicators.api.model.NationalIndicatorInput;
import org.opennrtd.indicators.api.model.Observation;
import org.opennrtd.indicators.api.model.ObservationInput;
import org.opennrtd.indicators.api.model.ObservationStatus;
import org.opennrtd.indicators.api.model.PageMeta;
import org.opennrtd.indicators.api.model.Periodicity;
import org.opennrtd.indicators.api.model.IndicatorProgress;
import org.opennrtd.indicators.api.model.IndicatorProgressPage;
import org.opennrtd.indicators.api.model.Progress;
import org.opennrtd.indicators.api.model.ProgressStatus;
import org.opennrtd.indicators.api.model.ReferenceValue;
import org.opennrtd.indicators.api.model.Trend;
import org.opennrtd.indicators.entity.NationalIndicatorEntity;
import org.opennrtd.indicators.entity.ObservationEntity;
import org.opennrtd.indicators.observations.ProgressCalculator;
import org.opennrtd.indicators.service.NationalIndicatorService;
import org.opennrtd.indicators.service.ObservationService;

/** National indicators and observations: contract DTOs to service drafts and entities to DTOs. */
public final class IndicatorMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndicatorMapper() {
    }

    public static NationalIndicatorService.Draft toDraft(NationalIndicatorInput in) {
        return new NationalIndicatorService.Draft(in.getCode(), in.getCountryCode(), in.getName(), in.getDefinition(),
                in.getUnit(), in.getComputationMethod(), in.getDataProvider().getInstitution(),
                in.getDataProvider().getName(), in.getPeriodicity().name(), in.getDimensions(), in.getSdgIndicators(),
                in.getSdgTargets(), in.getRights(), in.getRightAttributes(), in.getHumanRightsIndicators(),
                in.getRecommendationIds(), in.getActionIds(),
                in.getBaseline() == null ? null : in.getBaseline().getValue(),
                in.getBaseline() == null ? null : in.getBaseline().getDate(),
                in.getTarget() == null ? null : in.getTarget().getValue(),
                in.getTarget() == null ? null : in.getTarget().getDate());
    }

    public static NationalIndicator toDto(NationalIndicatorEntity e) {
        return new NationalIndicator().id(e.id).code(e.code).countryCode(e.country).name(e.name)
                .definition(e.definition).unit(e.unit).computationMethod(e.computationMethod)
                .dataProvider(new DataProvider().institution(e.providerInstitution).name(e.providerName))
                .periodicity(Periodicity.fromValue(e.periodicity)).dimensions(List.copyOf(e.dimensions))
                .sdgIndicators(List.copyOf(e.sdgIndicators)).sdgTargets(List.copyOf(e.sdgTargets))
                .rights(List.copyOf(e.rights)).rightAttributes(List.copyOf(e.rightAttributes))
                .humanRightsIndicators(List.copyOf(e.hrIndicators)).recommendationIds(List.copyOf(e.recommendationIds))
                .actionIds(List.copyOf(e.actionIds))
                .baseline(e.baselineValue == null ? null : new ReferenceValue().value(e.baselineValue).date(e.baselineDate))
                .target(e.targetValue == null ? null : new ReferenceValue().value(e.targetValue).date(e.targetDate))
                .version(e.version).createdAt(e.createdAt).updatedAt(e.updatedAt);
    }

    public static ObservationService.Draft toDraft(ObservationInput in) {
        return new ObservationService.Draft(in.getPeriod(), in.getValue(), in.getDimensions(),
                in.getStatus() == null ? null : in.getStatus().name(), in.getSource(), in.getNote());
    }

    public static Observation toDto(ObservationEntity o) {
        return new Observation().id(o.id).indicatorId(o.indicatorId).period(o.period).periodStart(o.periodStart)
                .periodEnd(o.periodEnd).value(o.value).dimensions(dimsOfKey(o.dimsKey))
                .status(ObservationStatus.fromValue(o.status)).source(o.source).note(o.note).version(o.version);
    }

    /**
     * The codes of an observation from its canonical key ({@code AGE=Y15T24|SEX=F}, ordered by dimension; empty for
     * the total series), without parsing its JSON: neither dimension nor code may contain {@code |} or {@code =}.
     */
    public static Map<String, String> dimsOfKey(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (key.isEmpty()) {
            return out;
        }
        int from = 0;
        while (from <= key.length()) {
            int bar = key.indexOf('|', from);
            int to = bar < 0 ? key.length() : bar;
            int eq = key.indexOf('=', from);
            out.put(key.substring(from, eq), key.substring(eq + 1, to));
            from = to + 1;
        }
        return out;
    }

    public static Map<String, String> dims(String json) {
        try {
            return new LinkedHashMap<>(JSON.readValue(json, new TypeReference<java.util.TreeMap<String, String>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Progress toDto(ObservationService.ProgressView view) {
        ProgressCalculator.Result r = view.result();
        NationalIndicatorEntity i = view.indicator();
        SortedMap<String, String> dims = view.dimensions();
        ProgressCalculator.Trend t = r.trend();
        return new Progress().indicatorId(i.id).dimensions(new LinkedHashMap<>(dims))
                .baseline(i.baselineValue == null ? null : new ReferenceValue().value(i.baselineValue).date(i.baselineDate))
                .target(i.targetValue == null ? null : new ReferenceValue().value(i.targetValue).date(i.targetDate))
                .latest(view.latest() == null ? null : toDto(view.latest()))
                .desiredDirection(r.desiredSign() == null ? null : r.desiredSign() > 0
                        ? Progress.DesiredDirectionEnum.INCREASE : Progress.DesiredDirectionEnum.DECREASE)
                .rawProgress(r.rawProgress()).progress(r.progress()).expectedProgress(r.expectedProgress())
                .status(ProgressStatus.fromValue(r.status().name()))
                .trend(new Trend().direction(Trend.DirectionEnum.fromValue(t.direction().name()))
                        .annualChange(t.annualChange()).improving(t.improving()).observationsUsed(t.observationsUsed()));
    }

    public static IndicatorProgressPage toDto(ObservationService.IndicatorProgressPage page, int offset, int limit) {
        return new IndicatorProgressPage().items(page.items().stream().map(i -> new IndicatorProgress()
                        .indicatorId(i.indicator().id).progress(toDto(i.progress()))
                        .latestValues(i.latestValues().stream().map(IndicatorMapper::toDto).toList())).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total()));
    }

    public static AuditEventPage toDto(AuditHistory history, int offset, int limit) {
        return new AuditEventPage().items(history.entries().stream().map(e -> new AuditEvent().id(e.id())
                        .occurredAt(e.occurredAt()).actor(e.actor()).action(e.action()).before(e.before()).after(e.after()))
                .toList()).page(new PageMeta().offset(offset).limit(limit).total(history.total()));
    }
}

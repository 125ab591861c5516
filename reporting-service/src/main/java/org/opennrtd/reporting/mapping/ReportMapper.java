package org.opennrtd.reporting.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.opennrtd.reporting.api.model.DimensionCount;
import org.opennrtd.reporting.api.model.Problem;
import org.opennrtd.reporting.api.model.Report;
import org.opennrtd.reporting.api.model.ReportJob;
import org.opennrtd.reporting.api.model.ReportJobState;
import org.opennrtd.reporting.api.model.ReportLanguage;
import org.opennrtd.reporting.api.model.ReportRequest;
import org.opennrtd.reporting.entity.ReportJobEntity;
import org.opennrtd.reporting.entity.ReportVersionEntity;
import org.opennrtd.reporting.report.ReportFormat;
import org.opennrtd.reporting.report.ReportParameters;
import org.opennrtd.reporting.report.ReportType;

/** The contract's report DTOs from and to the service's parameters and entities. */
@ApplicationScoped
public class ReportMapper {

    @Inject
    ObjectMapper json;

    public static ReportParameters toParameters(ReportRequest r) {
        return new ReportParameters(ReportType.valueOf(r.getType().name()), ReportFormat.valueOf(r.getFormat().name()),
                r.getCountry(), r.getUprCycle(), r.getBody(), r.getPeriodFrom(), r.getPeriodTo(),
                r.getLanguage() == null ? null : r.getLanguage().toString());
    }

    public static org.opennrtd.reporting.api.model.ReportParameters toDto(ReportParameters p) {
        return new org.opennrtd.reporting.api.model.ReportParameters()
                .type(org.opennrtd.reporting.api.model.ReportType.valueOf(p.type().name()))
                .format(org.opennrtd.reporting.api.model.ReportFormat.valueOf(p.format().name()))
                .country(p.country()).uprCycle(p.uprCycle()).body(p.body()).periodFrom(p.periodFrom())
                .periodTo(p.periodTo()).language(ReportLanguage.fromValue(p.language()));
    }

    public ReportJob toDto(ReportJobEntity j) {
        ReportJob dto = new ReportJob().id(j.id).state(ReportJobState.valueOf(j.state.name())).progress(j.progress)
                .stage(j.stage).parameters(toDto(read(j.parameters, ReportParameters.class))).reportId(j.reportId)
                .createdBy(j.createdBy).createdAt(j.createdAt).startedAt(j.startedAt).finishedAt(j.finishedAt)
                .retryAt(j.state == ReportJobEntity.State.QUEUED ? j.retryAt : null);
        if (j.error != null) {
            Map<String, Object> e = read(j.error, new TypeReference<Map<String, Object>>() { });
            dto.error(new Problem().type((String) e.get("type")).title((String) e.get("title"))
                    .status(((Number) e.get("status")).intValue()).detail((String) e.get("detail")));
        }
        return dto;
    }

    public Report toDto(ReportVersionEntity v) {
        List<DimensionCount> counts = read(v.statusCounts, new TypeReference<List<Map<String, Object>>>() { })
                .stream().map(c -> new DimensionCount().dimension((String) c.get("dimension"))
                        .key((String) c.get("key")).count(((Number) c.get("count")).longValue())).toList();
        return new Report().id(v.id).jobId(v.jobId).parameters(toDto(read(v.parameters, ReportParameters.class)))
                .contentType(v.contentType).fileName(v.fileName).sizeBytes(v.sizeBytes).sha256(v.sha256.trim())
                .snapshotAt(v.snapshotAt).createdBy(v.createdBy).createdAt(v.createdAt).statusCounts(counts);
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON cannot be read as " + type.getSimpleName(), e);
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON cannot be read", e);
        }
    }
}

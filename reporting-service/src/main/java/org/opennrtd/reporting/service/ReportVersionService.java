package org.opennrtd.reporting.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.common.http.SortOrder;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.reporting.entity.ReportVersionEntity;
import org.opennrtd.reporting.repository.ReportVersionRepository;

/** Reading stored report versions: list, describe, download, compare. Versions are never changed. */
@ApplicationScoped
public class ReportVersionService {

    static final Map<String, String> SORTABLE = Map.of("createdAt", "createdAt", "snapshotAt", "snapshotAt",
            "type", "reportType", "format", "format");

    @Inject
    ReportVersionRepository versions;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    public record VersionPage(List<ReportVersionEntity> items, long total) {
    }

    public record Content(ReportVersionEntity version, byte[] bytes) {
    }

    public record Change(String dimension, String key, long before, long after) {
    }

    public record Comparison(ReportVersionEntity report, ReportVersionEntity baseline, List<Change> changes) {
    }

    @Transactional
    public VersionPage list(int offset, int limit, String sort, String country, String type, String format) {
        Optional<String> scope = caller.countryScope(country);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        scope.ifPresent(c -> {
            where.append(" and country = :country");
            params.put("country", c);
        });
        if (type != null) {
            where.append(" and reportType = :type");
            params.put("type", type);
        }
        if (format != null) {
            where.append(" and format = :format");
            params.put("format", format);
        }
        String order = SortOrder.toSql(sort, SORTABLE, "createdAt desc", "id");
        var query = versions.find(where + " order by " + order, params);
        return new VersionPage(query.range(offset, offset + limit - 1).list(), query.count());
    }

    @Transactional
    public ReportVersionEntity get(UUID id) {
        ReportVersionEntity v = versions.findById(id);
        if (v == null || !caller.maySeeCountry(v.country.trim())) {
            throw ProblemException.notFound("report", id);
        }
        return v;
    }

    @Transactional
    public Content content(UUID id) {
        ReportVersionEntity v = get(id);
        return new Content(v, versions.content(id).orElseThrow(() -> ProblemException.notFound("report", id)));
    }

    @Transactional
    public Comparison compare(UUID id, UUID baselineId) {
        ReportVersionEntity report = get(id);
        ReportVersionEntity baseline;
        if (baselineId != null) {
            baseline = get(baselineId);
            if (!baseline.reportType.equals(report.reportType) || !baseline.country.equals(report.country)) {
                throw ProblemException.unprocessable("Report " + id + " (" + report.reportType + ", " + report.country
                        + ") and " + baselineId + " (" + baseline.reportType + ", " + baseline.country
                        + ") are not the same kind of report for the same country.", List.of());
            }
        } else {
            baseline = versions.previous(report).orElse(null);
        }
        Map<String, Long> after = counts(report);
        Map<String, Long> before = baseline == null ? Map.of() : counts(baseline);
        List<Change> changes = new ArrayList<>();
        Map<String, Boolean> keys = new LinkedHashMap<>();
        before.keySet().forEach(k -> keys.put(k, true));
        after.keySet().forEach(k -> keys.put(k, true));
        for (String k : keys.keySet()) {
            long b = before.getOrDefault(k, 0L);
            long a = after.getOrDefault(k, 0L);
            if (a != b) {
                int bar = k.indexOf('\u0000');
                changes.add(new Change(k.substring(0, bar), k.substring(bar + 1), b, a));
            }
        }
        return new Comparison(report, baseline, changes);
    }

    private Map<String, Long> counts(ReportVersionEntity v) {
        try {
            List<Map<String, Object>> list = json.readValue(v.statusCounts, new TypeReference<>() { });
            Map<String, Long> counts = new LinkedHashMap<>();
            list.forEach(c -> counts.put(c.get("dimension") + "\u0000" + c.get("key"),
                    ((Number) c.get("count")).longValue()));
            return counts;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored counts of report " + v.id + " cannot be read", e);
        }
    }
}

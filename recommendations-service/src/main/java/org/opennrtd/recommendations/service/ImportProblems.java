package org.opennrtd.recommendations.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.recommendations.entity.ImportJobEntity;
import org.opennrtd.recommendations.importing.RowProblem;

/** An import job's row problems: as the job stores them (JSON), and as the problem that refuses a bad file. */
@ApplicationScoped
public class ImportProblems {

    /** The most row problems a refusal lists. */
    private static final int MAX_LISTED = 1000;

    @Inject
    ObjectMapper json;

    /** The problems a job stores. */
    public List<Map<String, Object>> of(ImportJobEntity job) {
        try {
            return json.readValue(job.problems, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Problems as a job stores them. */
    String write(List<Map<String, Object>> problems) {
        try {
            return json.writeValueAsString(problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One problem as a job stores it. */
    static Map<String, Object> map(RowProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("row", p.row());
        if (p.column() != null) {
            m.put("column", p.column());
        }
        m.put("message", p.message());
        m.put("fatal", p.fatal());
        return m;
    }

    /** The 4xx problem that refuses a file, listing its row problems. */
    static ProblemException refusal(int status, String detail, List<RowProblem> problems) {
        List<FieldViolation> violations = problems.stream().limit(MAX_LISTED)
                .map(p -> new FieldViolation("row " + p.row() + (p.column() == null ? "" : ", " + p.column()), p.message()))
                .toList();
        return status == 415
                ? new ProblemException(415, "unsupported-import-format", "Unsupported Media Type", detail, violations)
                : new ProblemException(status, "invalid-import-file", "Unprocessable content", detail, violations);
    }
}

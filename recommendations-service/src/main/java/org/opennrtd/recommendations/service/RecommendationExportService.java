package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.recommendations.entity.RecommendationEntity;
import org.opennrtd.recommendations.exporting.ExportColumn;
import org.opennrtd.recommendations.exporting.RecommendationExportWriter;
import org.opennrtd.recommendations.repository.RecommendationQuery;
import org.opennrtd.recommendations.repository.RecommendationRepository;

/**
 * Exports of a filtered recommendation list. The search is the list's own ({@link RecommendationService#search}),
 * read in pages of {@value #PAGE} and written as they come, so memory stays flat whatever the size; more matching
 * rows than the configured maximum are refused before anything is written.
 */
@ApplicationScoped
public class RecommendationExportService {

    static final int PAGE = 500;

    public enum Format { CSV, XLSX }

    @Inject
    RecommendationService recommendations;

    @ConfigProperty(name = "opennrtd.export.max-rows", defaultValue = "50000")
    int maxRows;

    /** An export checked and ready to write: its first page is already read. */
    public record Prepared(Format format, List<ExportColumn> columns, RecommendationQuery query,
            RecommendationRepository.Page first) {
    }

    /** Checks the columns and the filters (sort included) and counts the rows, before any byte is sent. */
    public Prepared prepare(Format format, String columns, RecommendationQuery query) {
        List<ExportColumn> chosen = columns(columns);
        RecommendationQuery firstPage = page(query, 0);
        RecommendationRepository.Page first = recommendations.search(firstPage);
        if (first.total() > maxRows) {
            throw ProblemException.unprocessable(first.total() + " recommendations match; an export holds at most "
                    + maxRows + ". Narrow the filters (for example by country, body or publication dates).", List.of());
        }
        return new Prepared(format, chosen, query, first);
    }

    /**
     * Writes the export to a new temporary file (readable by this process only), which the caller deletes once
     * it is sent.
     */
    public java.nio.file.Path writeToTemporaryFile(Prepared export) {
        java.nio.file.Path file = null;
        try {
            file = java.nio.file.Files.createTempFile("opennrtd-export-",
                    export.format() == Format.XLSX ? ".xlsx" : ".csv");
            try (OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file))) {
                write(export, out);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                try {
                    java.nio.file.Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the original failure matters more
                }
            }
            throw e instanceof RuntimeException r ? r : new java.io.UncheckedIOException((IOException) e);
        }
    }

    public void write(Prepared export, OutputStream out) throws IOException {
        try (RecommendationExportWriter writer = export.format() == Format.XLSX
                ? RecommendationExportWriter.xlsx(export.columns(), out)
                : RecommendationExportWriter.csv(export.columns(), out)) {
            RecommendationRepository.Page page = export.first();
            int offset = 0;
            long total = Math.min(page.total(), maxRows);
            while (true) {
                for (RecommendationEntity r : page.items()) {
                    writer.write(r);
                }
                offset += PAGE;
                if (page.items().size() < PAGE || offset >= total) {
                    break;
                }
                page = recommendations.search(page(export.query(), offset));
            }
        }
    }

    static List<ExportColumn> columns(String requested) {
        if (requested == null || requested.isBlank()) {
            return ExportColumn.DEFAULT;
        }
        LinkedHashSet<ExportColumn> chosen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : requested.split(",")) {
            ExportColumn column = ExportColumn.byName(name.strip());
            if (column == null) {
                unknown.add(name.strip());
            } else {
                chosen.add(column);
            }
        }
        if (!unknown.isEmpty()) {
            String message = "unknown " + String.join(", ", unknown) + "; use any of "
                    + java.util.Arrays.stream(ExportColumn.values()).map(ExportColumn::property)
                            .collect(Collectors.joining(", "));
            throw ProblemException.badRequest("columns: " + message, List.of(new FieldViolation("columns", message)));
        }
        return List.copyOf(chosen);
    }

    private static RecommendationQuery page(RecommendationQuery q, int offset) {
        return new RecommendationQuery(q.country(), q.q(), q.mechanism(), q.body(), q.position(), q.theme(),
                q.affectedPerson(), q.recommendingState(), q.sdgGoal(), q.sdgTarget(), q.documentSymbol(), q.uprCycle(),
                q.uprSession(), q.region(), q.publishedFrom(), q.publishedTo(), q.implementationStatus(), q.priorityLevel(),
                q.withdrawnFromUhri(), q.sort(), offset, PAGE);
    }
}

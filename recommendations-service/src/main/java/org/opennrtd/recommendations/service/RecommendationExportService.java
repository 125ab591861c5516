package org.opennrtd.recommendations.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.recommendations.entity.RecommendationEntity;
import org.opennrtd.recommendations.exporting.ExportColumn;
import org.opennrtd.recommendations.exporting.RecommendationExportWriter;
import org.opennrtd.recommendations.repository.RecommendationQuery;

/**
 * Exports of a filtered recommendation list. The search is the list's own ({@link RecommendationService#search}):
 * checked and counted before any byte is sent (more matching rows than the configured maximum are refused), then
 * read in pages of {@value #PAGE}, each row written to the response as it comes and each page let go once written,
 * so the first bytes leave at once and memory stays flat whatever the size. The pages are read in one read-only
 * transaction at REPEATABLE READ: they all see the same snapshot, so a concurrent import neither repeats nor drops a
 * row between two pages.
 */
@ApplicationScoped
public class RecommendationExportService {

    static final int PAGE = 2_000;

    /**
     * The read holds one transaction (and one connection) while the client takes the file: 10 minutes, far more
     * than the largest export takes to a client that reads it, bounds what a stalled one can hold.
     */
    static final int TRANSACTION_TIMEOUT_SECONDS = 600;

    public enum Format { CSV, XLSX }

    @Inject
    RecommendationService recommendations;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "opennrtd.export.max-rows", defaultValue = "50000")
    int maxRows;

    /** An export checked and ready to write: its rows are counted, not yet read. */
    public record Prepared(Format format, List<ExportColumn> columns, RecommendationQuery query, long total) {
    }

    /** Checks the columns and the filters (sort included) and counts the rows, before any byte is sent. */
    public Prepared prepare(Format format, String columns, RecommendationQuery query) {
        List<ExportColumn> chosen = columns(columns);
        long total = recommendations.search(page(query, 0, 1)).total();
        if (total > maxRows) {
            throw ProblemException.unprocessable(total + " recommendations match; an export holds at most "
                    + maxRows + ". Narrow the filters (for example by country, body or publication dates).", List.of());
        }
        return new Prepared(format, chosen, query, total);
    }

    /**
     * Writes the export to {@code out} as its rows are read, in a transaction of its own. The first page is read
     * before the first byte is written, so a read that fails at once leaves {@code out} untouched.
     */
    public void write(Prepared export, OutputStream out) throws IOException {
        try {
            QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_SECONDS).run(() -> {
                em.createNativeQuery("set transaction isolation level repeatable read, read only").executeUpdate();
                Iterator<RecommendationEntity> rows = new Pages(export.query(), Math.min(export.total(), maxRows));
                rows.hasNext(); // the first page is read, and may fail, before the first byte
                try {
                    if (export.format() == Format.XLSX) {
                        RecommendationExportWriter.xlsx(export.columns(), rows, Math.min(export.total(), maxRows), out);
                    } else {
                        RecommendationExportWriter.csv(export.columns(), rows, out);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The matching rows, read a page at a time when the rows before are taken; a page's rows leave the persistence
     * context when the next page is read (by then the writer has written them).
     */
    private final class Pages implements Iterator<RecommendationEntity> {
        private final RecommendationQuery query;
        private final long total;
        private Iterator<RecommendationEntity> page = Collections.emptyIterator();
        private int offset;
        private boolean last;

        Pages(RecommendationQuery query, long total) {
            this.query = query;
            this.total = total;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && !last) {
                em.clear();
                List<RecommendationEntity> items = recommendations.search(page(query, offset, PAGE)).items();
                offset += PAGE;
                last = items.size() < PAGE || offset >= total;
                page = items.iterator();
            }
            return page.hasNext();
        }

        @Override
        public RecommendationEntity next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
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

    private static RecommendationQuery page(RecommendationQuery q, int offset, int limit) {
        return new RecommendationQuery(q.country(), q.q(), q.mechanism(), q.body(), q.position(), q.theme(),
                q.affectedPerson(), q.recommendingState(), q.sdgGoal(), q.sdgTarget(), q.documentSymbol(), q.uprCycle(),
                q.uprSession(), q.region(), q.publishedFrom(), q.publishedTo(), q.implementationStatus(), q.priorityLevel(),
                q.withdrawnFromUhri(), q.sort(), offset, limit);
    }
}

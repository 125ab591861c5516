package org.opennrtd.recommendations.importing;

import java.util.List;

/** What a reader made of a file: its records, the problems it found, and how many rows it read. */
public record ParsedFile(ImportFormat format, List<ImportRecord> records, List<RowProblem> problems, int rowsRead) {

    public boolean hasFatalProblem() {
        return problems.stream().anyMatch(RowProblem::fatal);
    }
}

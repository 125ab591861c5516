package org.opennrtd.recommendations.importing;

import java.util.List;

/** A file that cannot be read at all (not the format it claims, damaged, hostile): nothing of it is imported. */
public class InvalidFileException extends RuntimeException {

    private final int status;
    private final List<RowProblem> problems;

    public InvalidFileException(int status, String message, List<RowProblem> problems) {
        super(message);
        this.status = status;
        this.problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** 415: the content is not a format the import accepts. */
    public static InvalidFileException unsupported(String message) {
        return new InvalidFileException(415, message, List.of());
    }

    /** 422: the content is of an accepted format but malformed or hostile. */
    public static InvalidFileException malformed(String message) {
        return new InvalidFileException(422, message, List.of(RowProblem.fatal(0, null, message)));
    }

    public int status() {
        return status;
    }

    public List<RowProblem> problems() {
        return problems;
    }
}

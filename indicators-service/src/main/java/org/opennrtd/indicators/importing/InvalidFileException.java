package org.opennrtd.indicators.importing;

import java.util.List;

/** A file that is refused as a whole: nothing of it is stored. */
public class InvalidFileException extends RuntimeException {

    private final int status;
    private final List<RowProblem> problems;

    public InvalidFileException(int status, String message, List<RowProblem> problems) {
        super(message);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    /** 415: not a CSV file at all. */
    public static InvalidFileException unsupported(String message) {
        return new InvalidFileException(415, message, List.of(new RowProblem(0, null, message)));
    }

    /** 422: a CSV file, but not one that can be imported. */
    public static InvalidFileException malformed(String message) {
        return new InvalidFileException(422, message, List.of(new RowProblem(0, null, message)));
    }

    public int status() {
        return status;
    }

    public List<RowProblem> problems() {
        return problems;
    }
}

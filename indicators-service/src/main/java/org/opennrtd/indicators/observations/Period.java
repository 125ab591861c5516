package org.opennrtd.indicators.observations;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period an observation covers: a year ({@code 2023}), quarter ({@code 2023-Q2}), month ({@code 2023-04}),
 * day ({@code 2023-04-15}) or range of days ({@code 2023-01-01/2023-06-30}), as SDMX writes TIME_PERIOD.
 *
 * @param text the canonical text form
 * @param start first day covered
 * @param end last day covered
 * @param frequency SDMX FREQ code: A, Q, M, D, or N for a range
 */
public record Period(String text, LocalDate start, LocalDate end, String frequency) {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})/(\\d{4}-\\d{2}-\\d{2})");

    /** The period the text names, or empty if it names none (including impossible dates such as 2023-02-30). */
    public static Optional<Period> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        try {
            Matcher m;
            if ((m = YEAR.matcher(s)).matches()) {
                int y = Integer.parseInt(m.group(1));
                return Optional.of(new Period(s, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31), "A"));
            }
            if ((m = QUARTER.matcher(s)).matches()) {
                int y = Integer.parseInt(m.group(1));
                int q = Integer.parseInt(m.group(2));
                YearMonth first = YearMonth.of(y, q * 3 - 2);
                return Optional.of(new Period(s, first.atDay(1), first.plusMonths(2).atEndOfMonth(), "Q"));
            }
            if ((m = MONTH.matcher(s)).matches()) {
                YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                return Optional.of(new Period(s, month.atDay(1), month.atEndOfMonth(), "M"));
            }
            if (DAY.matcher(s).matches()) {
                LocalDate day = LocalDate.parse(s);
                return Optional.of(new Period(s, day, day, "D"));
            }
            if ((m = RANGE.matcher(s)).matches()) {
                LocalDate start = LocalDate.parse(m.group(1));
                LocalDate end = LocalDate.parse(m.group(2));
                return end.isBefore(start) ? Optional.empty() : Optional.of(new Period(s, start, end, "N"));
            }
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The middle of the period in fractional years, the time axis of trends. */
    public static double midYear(LocalDate start, LocalDate end) {
        double a = start.getYear() + (start.getDayOfYear() - 1) / (double) start.lengthOfYear();
        double b = end.getYear() + end.getDayOfYear() / (double) end.lengthOfYear();
        return (a + b) / 2;
    }
}

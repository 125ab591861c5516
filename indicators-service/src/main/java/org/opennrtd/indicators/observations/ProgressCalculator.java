package org.opennrtd.indicators.observations;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Progress toward a target and the trend of a series, as the contract describes them:
 * progress = (latest − baseline) / (target − baseline), clamped to [0, 1]; the desired direction is the sign of
 * (target − baseline); the status compares progress with the share of the baseline-to-target time elapsed at the
 * latest period's end; the trend is the least-squares slope of the last (up to five) values against time in
 * years.
 */
public final class ProgressCalculator {

    public static final int TREND_POINTS = 5;

    private ProgressCalculator() {
    }

    /** A value and the period it covers. */
    public record Point(LocalDate start, LocalDate end, double value) {
    }

    public enum Status { ACHIEVED, ON_TRACK, OFF_TRACK, REGRESSING, NO_DATA }

    public enum Direction { UP, DOWN, FLAT }

    public record Trend(Direction direction, Double annualChange, Boolean improving, int observationsUsed) {
    }

    public record Result(Double rawProgress, Double progress, Double expectedProgress, Status status,
            Integer desiredSign, Trend trend) {
    }

    /**
     * @param points the series' observations in period order (oldest first); the last is the latest
     */
    public static Result compute(Double baselineValue, LocalDate baselineDate, Double targetValue, LocalDate targetDate,
            List<Point> points) {
        Integer sign = baselineValue == null || targetValue == null ? null
                : (int) Math.signum(targetValue - baselineValue);
        Trend trend = trend(points, sign);
        if (points.isEmpty() || sign == null || sign == 0) {
            return new Result(null, null, null, Status.NO_DATA, sign == null || sign == 0 ? null : sign, trend);
        }
        Point latest = points.get(points.size() - 1);
        double raw = (latest.value() - baselineValue) / (targetValue - baselineValue);
        double clamped = Math.max(0, Math.min(1, raw));
        long span = ChronoUnit.DAYS.between(baselineDate, targetDate);
        long elapsed = ChronoUnit.DAYS.between(baselineDate, latest.end());
        double expected = span <= 0 ? 1 : Math.max(0, Math.min(1, elapsed / (double) span));
        Status status;
        if (raw >= 1) {
            status = Status.ACHIEVED;
        } else if (raw < 0) {
            status = Status.REGRESSING;
        } else if (raw >= expected) {
            status = Status.ON_TRACK;
        } else {
            status = Status.OFF_TRACK;
        }
        return new Result(raw, clamped, expected, status, sign, trend);
    }

    static Trend trend(List<Point> points, Integer desiredSign) {
        List<Point> last = points.subList(Math.max(0, points.size() - TREND_POINTS), points.size());
        if (last.size() < 2) {
            return new Trend(Direction.FLAT, null, null, last.size());
        }
        int n = last.size();
        double mx = 0;
        double my = 0;
        for (Point p : last) {
            mx += Period.midYear(p.start(), p.end());
            my += p.value();
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (Point p : last) {
            double dx = Period.midYear(p.start(), p.end()) - mx;
            sxy += dx * (p.value() - my);
            sxx += dx * dx;
        }
        if (sxx == 0) {
            return new Trend(Direction.FLAT, null, null, n);
        }
        double slope = sxy / sxx;
        Direction direction = slope > 0 ? Direction.UP : slope < 0 ? Direction.DOWN : Direction.FLAT;
        Boolean improving = desiredSign == null || desiredSign == 0 ? null
                : direction != Direction.FLAT && Math.signum(slope) == desiredSign;
        return new Trend(direction, slope, improving, n);
    }
}

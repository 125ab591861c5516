package org.opennrtd.indicators.observations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opennrtd.indicators.observations.ProgressCalculator.Direction;
import org.opennrtd.indicators.observations.ProgressCalculator.Point;
import org.opennrtd.indicators.observations.ProgressCalculator.Status;

class ProgressCalculatorTest {

    static Point year(int y, double v) {
        return new Point(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31), v);
    }

    @Test
    void theTrendUsesOnlyTheLastFiveValues() {
        // An old fall followed by five years of steady rise of 2 a year.
        List<Point> points = List.of(year(2010, 90), year(2011, 10), year(2012, 12), year(2013, 14), year(2014, 16),
                year(2015, 18));
        ProgressCalculator.Result r = ProgressCalculator.compute(10.0, LocalDate.of(2011, 12, 31), 30.0,
                LocalDate.of(2021, 12, 31), points);
        assertEquals(2.0, r.trend().annualChange(), 1e-9);
        assertEquals(Direction.UP, r.trend().direction());
        assertEquals(5, r.trend().observationsUsed());
        assertEquals(0.4, r.progress(), 1e-9);
        assertEquals(Status.ON_TRACK, r.status());
    }

    @Test
    void aFlatSeriesHasNoImprovement() {
        ProgressCalculator.Trend t = ProgressCalculator.trend(List.of(year(2020, 5), year(2021, 5)), 1);
        assertEquals(Direction.FLAT, t.direction());
        assertEquals(false, t.improving());
    }

    @Test
    void withoutBaselineAndTargetThereIsNoProgressButStillATrend() {
        ProgressCalculator.Result r = ProgressCalculator.compute(null, null, null, null,
                List.of(year(2020, 5), year(2021, 4)));
        assertEquals(Status.NO_DATA, r.status());
        assertNull(r.progress());
        assertEquals(Direction.DOWN, r.trend().direction());
        assertNull(r.trend().improving());
    }
}

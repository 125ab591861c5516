package org.opennrtd.indicators.observations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    @ParameterizedTest
    @CsvSource({
            "2023, 2023-01-01, 2023-12-31, A",
            "2024-Q1, 2024-01-01, 2024-03-31, Q",
            "2023-Q4, 2023-10-01, 2023-12-31, Q",
            "2024-02, 2024-02-01, 2024-02-29, M",
            "2023-04-15, 2023-04-15, 2023-04-15, D",
            "2023-01-01/2023-06-30, 2023-01-01, 2023-06-30, N"})
    void periodsCoverTheirDays(String text, LocalDate start, LocalDate end, String frequency) {
        Period p = Period.parse(text).orElseThrow();
        assertEquals(start, p.start());
        assertEquals(end, p.end());
        assertEquals(frequency, p.frequency());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "23", "2023-Q5", "2023-13", "2023-02-30", "2023-06-30/2023-01-01", "2023/2024", "abc"})
    void otherTextsAreNoPeriod(String text) {
        assertTrue(Period.parse(text).isEmpty(), text);
    }

    @Test
    void aYearsMiddleIsHalfWayThroughIt() {
        assertEquals(2016.5, Period.midYear(LocalDate.of(2016, 1, 1), LocalDate.of(2016, 12, 31)), 1e-12);
    }
}

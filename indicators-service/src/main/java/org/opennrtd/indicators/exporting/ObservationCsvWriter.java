package org.opennrtd.indicators.exporting;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.opennrtd.indicators.entity.NationalIndicatorEntity;
import org.opennrtd.indicators.entity.ObservationEntity;
import org.opennrtd.indicators.mapping.IndicatorMapper;
import org.opennrtd.indicators.observations.DimensionKey;
import org.opennrtd.indicators.observations.Period;

/**
 * Writes a series as the OpenNRTD observation CSV or as SDMX-CSV, in UTF-8, row by row as the observations come;
 * both read back through the import unchanged. One column per dimension the indicator supports, in code order; a
 * total is written {@code _T}.
 */
public final class ObservationCsvWriter {

    public static final String DATAFLOW = "OPENNRTD:DF_NATIONAL_INDICATORS(1.0)";

    private ObservationCsvWriter() {
    }

    public static void csv(NationalIndicatorEntity indicator, Iterator<ObservationEntity> observations,
            OutputStream out) throws IOException {
        List<String> dims = indicator.dimensions.stream().sorted().toList();
        List<String> header = new ArrayList<>(List.of("INDICATOR", "TIME_PERIOD", "OBS_VALUE"));
        header.addAll(dims);
        header.addAll(List.of("OBS_STATUS", "SOURCE", "COMMENT_OBS"));
        write(header, observations, out, (o, row) -> {
            row.add(indicator.code);
            row.add(o.period);
            row.add(number(o.value));
            addDims(dims, o, row);
            row.add(o.status);
            row.add(o.source == null ? "" : o.source);
            row.add(o.note == null ? "" : o.note);
        });
    }

    public static void sdmxCsv(NationalIndicatorEntity indicator, Iterator<ObservationEntity> observations,
            OutputStream out) throws IOException {
        List<String> dims = indicator.dimensions.stream().sorted().toList();
        List<String> header = new ArrayList<>(List.of("DATAFLOW", "FREQ", "REF_AREA", "SERIES", "TIME_PERIOD",
                "OBS_VALUE", "UNIT_MEASURE"));
        header.addAll(dims);
        header.addAll(List.of("OBS_STATUS", "SOURCE_DETAIL", "COMMENT_OBS"));
        write(header, observations, out, (o, row) -> {
            row.add(DATAFLOW);
            row.add(Period.parse(o.period).map(Period::frequency).orElse(""));
            row.add(indicator.country);
            row.add(indicator.code);
            row.add(o.period);
            row.add(number(o.value));
            row.add(indicator.unit);
            addDims(dims, o, row);
            row.add("FINAL".equals(o.status) ? "A" : "P");
            row.add(o.source == null ? "" : o.source);
            row.add(o.note == null ? "" : o.note);
        });
    }

    private interface RowWriter {
        void write(ObservationEntity o, List<String> row);
    }

    private static void write(List<String> header, Iterator<ObservationEntity> observations, OutputStream out,
            RowWriter writer) throws IOException {
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
        printer.printRecord(header);
        List<String> row = new ArrayList<>(header.size());
        while (observations.hasNext()) {
            row.clear();
            writer.write(observations.next(), row);
            printer.printRecord(row);
        }
        printer.flush();
        text.flush();
    }

    private static void addDims(List<String> dims, ObservationEntity o, List<String> row) {
        Map<String, String> codes = IndicatorMapper.dims(o.dims);
        for (String d : dims) {
            row.add(codes.getOrDefault(d, DimensionKey.TOTAL));
        }
    }

    /** The shortest decimal that reads back as the same double, without exponent. */
    static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}

package org.opennrtd.indicators.exporting;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import org.opennrtd.indicators.api.model.NationalIndicator;
import org.opennrtd.indicators.api.model.ObservationSeries;
import org.opennrtd.indicators.entity.ObservationEntity;
import org.opennrtd.indicators.mapping.IndicatorMapper;

/**
 * Writes a series as the contract's {@link ObservationSeries} JSON, observation by observation as they come: the
 * same bytes the mapper writes for the whole series at once, without holding it.
 */
public final class ObservationJsonWriter {

    private ObservationJsonWriter() {
    }

    public static void series(ObjectMapper json, NationalIndicator indicator, Iterator<ObservationEntity> observations,
            OutputStream out) throws IOException {
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("indicator");
            json.writeValue(g, indicator);
            g.writeFieldName("observations");
            g.writeStartArray();
            while (observations.hasNext()) {
                json.writeValue(g, IndicatorMapper.toDto(observations.next()));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}

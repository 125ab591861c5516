package org.opennrtd.common.upstream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import jakarta.ws.rs.ext.ContextResolver;
import org.opennrtd.common.text.ControlCharacters;

/**
 * The JSON mapper of the clients of other services. The service itself rejects unknown request properties, but
 * another service may add response properties within its major version (api-spec/README.md), so its clients
 * must ignore the ones they do not know. Nor do they refuse control characters in what another service answers
 * (org.opennrtd.common.text.ControlCharacters): the caller did not send them and cannot correct them. Registered per client with {@code quarkus.rest-client.<key>.providers}.
 */
public class TolerantObjectMapper implements ContextResolver<ObjectMapper> {

    private volatile ObjectMapper mapper;

    @Override
    public ObjectMapper getContext(Class<?> type) {
        ObjectMapper m = mapper;
        if (m == null) {
            m = Arc.container().instance(ObjectMapper.class).get().copy()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .registerModule(ControlCharacters.tolerantModule());
            mapper = m;
        }
        return m;
    }
}

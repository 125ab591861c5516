package org.opennrtd.common.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Registers {@link ControlCharacters#module()} on the service's JSON mapper, so every request body follows the rule. */
@Singleton
public class ControlCharacterJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(ControlCharacters.module());
    }
}

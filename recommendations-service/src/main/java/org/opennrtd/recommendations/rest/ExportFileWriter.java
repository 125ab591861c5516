package org.opennrtd.recommendations.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.file.Files;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes an export file's bytes unchanged, under the content type the resource set (CSV or XLSX).
 *
 * <p>Declared for Object, and first: when an operation produces several media types, Quarkus REST looks writers
 * up by the class of the returned RestResponse (not of its entity), finds only the writers of Object, and the
 * first of those that accepts the entity writes it. Without this one that was the plain-text writer, which wrote
 * {@code toString()} (for a java.io.File, its path). Any entity but {@link ExportFile} is refused here and goes to
 * the usual writers.
 */
@Provider
@Produces(MediaType.WILDCARD)
@Priority(1)
public class ExportFileWriter implements ServerMessageBodyWriter<Object> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
                               MediaType mediaType) {
        return ExportFile.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(Object file, Type genericType, ServerRequestContext context) throws IOException {
        try (OutputStream out = context.getOrCreateOutputStream()) {
            Files.copy(((ExportFile) file).path(), out);
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return ExportFile.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Object file, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out)
            throws IOException {
        Files.copy(((ExportFile) file).path(), out);
    }
}

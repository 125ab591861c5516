package org.opennrtd.common.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Streams an export's bytes to the response as they are produced, under the content type the resource set (CSV,
 * XLSX, SDMX-CSV or JSON): chunked, without Content-Length, once they outgrow the response buffer.
 *
 * <p>A failure before the first byte goes to the usual exception mappers (a problem answer). After it, part of the
 * file may be on its way, so the connection is cut instead: the client sees the body end without its last chunk
 * (an error in any HTTP library), never a shorter file that looks complete.
 *
 * <p>Declared for Object, and first: when an operation produces several media types, Quarkus REST looks writers
 * up by the class of the returned RestResponse (not of its entity), finds only the writers of Object, and the
 * first of those that accepts the entity writes it. Without this one that was the plain-text writer, which wrote
 * {@code toString()}. Any entity but {@link ExportFile} is refused here and goes to the usual writers.
 */
@Provider
@Produces(MediaType.WILDCARD)
@Priority(1)
public class ExportFileWriter implements ServerMessageBodyWriter<Object> {

    private static final Logger LOG = Logger.getLogger(ExportFileWriter.class);

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
                               MediaType mediaType) {
        return ExportFile.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(Object file, Type genericType, ServerRequestContext context) throws IOException {
        Counting out = new Counting(context.getOrCreateOutputStream());
        try {
            ((ExportFile) file).writeTo(out);
            out.close();
        } catch (IOException | RuntimeException e) {
            if (out.written == 0) {
                throw e;
            }
            LOG.errorf(e, "An export failed after %d bytes; its connection is cut so that the file is not taken as"
                    + " complete", out.written);
            context.serverResponse().reset();
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
        ((ExportFile) file).writeTo(out);
    }

    /** Counts the bytes that went through. */
    private static final class Counting extends FilterOutputStream {
        long written;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written += len;
        }
    }
}

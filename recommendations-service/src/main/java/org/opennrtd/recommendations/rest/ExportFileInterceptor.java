package org.opennrtd.recommendations.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.File;
import java.io.IOException;

/**
 * Sends an export file's bytes. The contract types the export as binary, which the generated interface declares as
 * {@code File}; Quarkus REST then picks its catch-all text writer for a {@code text/csv} answer, which would send
 * the file's path. For a file entity (only exports answer with one) this interceptor has the writer chosen again by the entity's
 * class, which finds the file writer.
 */
@Provider
public class ExportFileInterceptor implements WriterInterceptor {

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (context.getEntity() instanceof File && type != null) {
            // A new (equal) media type makes Quarkus REST look the writer up again, by the entity's class: File.
            context.setMediaType(MediaType.valueOf(type.toString()));
        }
        context.proceed();
    }
}

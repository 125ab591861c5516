package org.opennrtd.common.http;

import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiHandler;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps the contract document at {@code /q/openapi} on the API port when the management interface is enabled.
 * Quarkus moves the document and the Swagger UI together to the management port (one switch,
 * {@code quarkus.smallrye-openapi.management.enabled}, governs both); integrators generate their clients from the
 * document, so it stays where the API is, served by SmallRye's own handler (the same bytes, YAML or JSON as asked),
 * while the Swagger UI, health and metrics are on the management port only.
 */
@ApplicationScoped
public class ContractDocumentRoute {

    void register(@Observes Router router) {
        Config config = ConfigProvider.getConfig();
        boolean management = config.getOptionalValue("quarkus.management.enabled", Boolean.class).orElse(false);
        boolean documentMoved = config.getOptionalValue("quarkus.smallrye-openapi.management.enabled", Boolean.class)
                .orElse(true);
        if (!management || !documentMoved) {
            return; // SmallRye serves it on the API port itself
        }
        String root = config.getOptionalValue("quarkus.http.non-application-root-path", String.class).orElse("q");
        String path = "/" + root.replaceAll("^/+|/+$", "") + "/openapi";
        router.routeWithRegex(java.util.regex.Pattern.quote(path) + "(\\.json|\\.yaml|\\.yml)?")
                .handler(new OpenApiHandler(OpenApiConstants.DEFAULT_DOCUMENT_NAME, false));
    }
}

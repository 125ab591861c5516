package org.opennrtd.indicators.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.text.ControlCharacters;
import org.opennrtd.indicators.api.ObservationImportsApi;
import org.opennrtd.indicators.api.model.ImportProblem;
import org.opennrtd.indicators.api.model.ImportState;
import org.opennrtd.indicators.api.model.ObservationImportJob;
import org.opennrtd.indicators.api.model.ObservationImportJobPage;
import org.opennrtd.indicators.api.model.PageMeta;
import org.opennrtd.indicators.entity.ObservationImportJobEntity;
import org.opennrtd.indicators.service.ObservationImportService;

/** HTTP only: the contract's ObservationImportsApi, mapped onto {@link ObservationImportService}. */
public class ObservationImportResource implements ObservationImportsApi {

    @Inject
    ObservationImportService service;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<ObservationImportJob> createObservationImport(FileUpload file, String country) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalidField("file", "is required: send the file as the multipart part 'file'");
        }
        // Multipart fields are not query parameters: the request filter does not see them.
        ControlCharacters.check("file", file.fileName());
        ControlCharacters.check("country", country);
        if (country != null && !country.isBlank() && !country.matches("^[A-Z]{3}$")) {
            throw ProblemException.invalidField("country", "must be an ISO 3166-1 alpha-3 code such as PRT");
        }
        ObservationImportJobEntity job = service.submit(new ObservationImportService.Upload(file.uploadedFile(),
                file.size(), file.fileName(), file.contentType(), country == null || country.isBlank() ? null : country));
        service.start(job.id);
        return RestResponse.ResponseBuilder.<ObservationImportJob>accepted()
                .location(uriInfo.getBaseUriBuilder().path("api/v1/observation-imports/{id}").build(job.id))
                .entity(toDto(job)).build();
    }

    @Override
    public RestResponse<ObservationImportJob> getObservationImport(UUID id) {
        return RestResponse.ok(toDto(service.get(id)));
    }

    @Override
    public RestResponse<ObservationImportJobPage> listObservationImports(Integer offset, Integer limit) {
        ObservationImportService.JobPage page = service.list(offset, limit);
        return RestResponse.ok(new ObservationImportJobPage().items(page.items().stream().map(this::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    private ObservationImportJob toDto(ObservationImportJobEntity j) {
        return new ObservationImportJob().id(j.id).state(ImportState.fromValue(j.state.name()))
                .format(ObservationImportJob.FormatEnum.fromValue(j.format)).fileName(j.fileName).country(j.country)
                .sha256(j.sha256).rowsTotal(j.rowsTotal).rowsLoaded(j.rowsLoaded).created(j.created).updated(j.updated)
                .problems(service.problems(j).stream().map(p -> new ImportProblem().row((Integer) p.get("row"))
                        .column((String) p.get("column")).message((String) p.get("message"))).toList())
                .error(j.error).createdBy(j.createdBy).createdAt(j.createdAt).finishedAt(j.finishedAt);
    }
}

package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.text.ControlCharacters;
import org.opennrtd.recommendations.api.ImportsApi;
import org.opennrtd.recommendations.api.model.ImportJob;
import org.opennrtd.recommendations.api.model.ImportJobPage;
import org.opennrtd.recommendations.api.model.ImportProblem;
import org.opennrtd.recommendations.api.model.ImportState;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.api.model.ScheduledImportPull;
import org.opennrtd.recommendations.api.model.TextLanguage;
import org.opennrtd.recommendations.api.model.UrlImportRequest;
import org.opennrtd.recommendations.entity.ImportJobEntity;
import org.opennrtd.recommendations.entity.ScheduledPullStateEntity;
import org.opennrtd.recommendations.importing.TemplateCsv;
import org.opennrtd.recommendations.service.ImportService;
import org.opennrtd.recommendations.service.UrlImportService;

/** HTTP only: the contract's ImportsApi, mapped onto {@link ImportService}. */
public class ImportResource implements ImportsApi {

    @Inject
    ImportService service;

    @Inject
    UrlImportService urlImports;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<ImportJob> createImport(FileUpload file, String country, Integer uprCycle, Integer uprSession,
            Boolean complete, String language) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalidField("file", "is required: send the file as the multipart part 'file'");
        }
        // Multipart fields are not query parameters: the request filter does not see them.
        ControlCharacters.check("file", file.fileName());
        ControlCharacters.check("country", country);
        ControlCharacters.check("language", language);
        if (country != null && !country.isBlank() && !country.matches("^[A-Z]{3}$")) {
            throw ProblemException.invalidField("country", "must be an ISO 3166-1 alpha-3 code such as SVN");
        }
        ImportJobEntity job = service.submit(new ImportService.Upload(file.uploadedFile(), file.size(), file.fileName(),
                file.contentType(), country == null || country.isBlank() ? null : country, uprCycle, uprSession,
                Boolean.TRUE.equals(complete), language == null || language.isBlank() ? null : language));
        return accepted(job);
    }

    @Override
    public RestResponse<ImportJob> createUrlImport(UrlImportRequest request) {
        return accepted(urlImports.pull(request.getUrl(), request.getCountry(), request.getUprCycle(),
                request.getUprSession(), Boolean.TRUE.equals(request.getComplete()),
                request.getLanguage() == null ? null : request.getLanguage().toString()));
    }

    /** The job is already being applied: {@link ImportService#submit} started it. */
    private RestResponse<ImportJob> accepted(ImportJobEntity job) {
        return RestResponse.ResponseBuilder.<ImportJob>accepted()
                .location(uriInfo.getBaseUriBuilder().path("api/v1/imports/{id}").build(job.id))
                .entity(toDto(job)).build();
    }

    @Override
    public RestResponse<ImportJob> getImport(UUID id) {
        return RestResponse.ok(toDto(service.get(id)));
    }

    @Override
    public RestResponse<ImportJobPage> listImports(Integer offset, Integer limit) {
        ImportService.JobPage page = service.list(offset, limit);
        return RestResponse.ok(new ImportJobPage().items(page.items().stream().map(this::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    @Override
    public RestResponse<String> getImportTemplate() {
        return RestResponse.ResponseBuilder.ok(TemplateCsv.template(), "text/csv")
                .header("Content-Disposition", "attachment; filename=\"opennrtd-recommendations-template.csv\"").build();
    }

    @Override
    public RestResponse<ScheduledImportPull> getScheduledImportPull() {
        UrlImportService.ScheduledPull pull = urlImports.scheduledPull();
        ScheduledImportPull dto = new ScheduledImportPull().enabled(pull.enabled()).cron(pull.cron())
                .url(pull.url().orElse(null)).country(pull.country().orElse(null));
        ScheduledPullStateEntity state = pull.state();
        if (state != null) {
            dto.etag(state.etag).lastModified(state.lastModified).fetchedAt(state.fetchedAt)
                    .fetchedJobId(state.fetchedJobId).lastCheckedAt(state.lastCheckedAt)
                    .lastStatus(ScheduledImportPull.LastStatusEnum.fromValue(state.lastStatus.name()))
                    .lastJobId(state.lastJobId);
        }
        return RestResponse.ok(dto);
    }

    private ImportJob toDto(ImportJobEntity j) {
        List<Map<String, Object>> problems = service.problems(j);
        return new ImportJob().id(j.id).state(ImportState.fromValue(j.state.name()))
                .format(ImportJob.FormatEnum.fromValue(j.format)).fileName(j.fileName).country(j.country).sha256(j.sha256)
                .rowsRead(j.rowsRead).rowsTotal(j.rowsTotal).created(j.created).updated(j.updated).unchanged(j.unchanged)
                .rejected(j.rejected).outOfScope(j.outOfScope).complete(j.complete).withdrawn(j.withdrawn).restored(j.restored)
                .language(j.language == null ? null : TextLanguage.fromValue(j.language)).translated(j.translated).outOfScopeCountries(new java.util.ArrayList<>(j.outOfScopeCountries))
                .problems(problems.stream().map(p -> new ImportProblem().row((Integer) p.get("row"))
                        .column((String) p.get("column")).message((String) p.get("message"))
                        .fatal((Boolean) p.get("fatal"))).toList())
                .error(j.error).createdBy(j.createdBy).createdAt(j.createdAt).finishedAt(j.finishedAt);
    }
}

package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.recommendations.api.InstitutionsApi;
import org.opennrtd.recommendations.api.model.AuditEventPage;
import org.opennrtd.recommendations.api.model.Institution;
import org.opennrtd.recommendations.api.model.InstitutionInput;
import org.opennrtd.recommendations.api.model.InstitutionKind;
import org.opennrtd.recommendations.api.model.InstitutionPage;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.entity.InstitutionEntity;
import org.opennrtd.recommendations.mapping.AuditMapper;
import org.opennrtd.recommendations.mapping.InstitutionMapper;
import org.opennrtd.recommendations.repository.InstitutionRepository;
import org.opennrtd.recommendations.service.InstitutionService;

/** HTTP only: the contract's InstitutionsApi, mapped onto {@link InstitutionService}. */
public class InstitutionResource implements InstitutionsApi {

    @Inject
    InstitutionService service;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<InstitutionPage> listInstitutions(String country, InstitutionKind kind, String q, Integer offset,
            Integer limit, String sort) {
        InstitutionRepository.Page page = service.search(country,
                kind == null ? null : InstitutionEntity.Kind.valueOf(kind.name()), q, sort, offset, limit);
        return RestResponse.ok(new InstitutionPage()
                .items(new ArrayList<>(page.items().stream().map(i -> InstitutionMapper.toDto(i, service.seesContacts(i))).toList()))
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    @Override
    public RestResponse<Institution> createInstitution(InstitutionInput input) {
        InstitutionEntity created = service.create(InstitutionMapper.toDraft(input));
        Institution dto = InstitutionMapper.toDto(created, true);
        return RestResponse.ResponseBuilder.<Institution>created(uriInfo.getBaseUriBuilder().path("api/v1/institutions/{id}").build(created.id))
                .entity(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }

    @Override
    public RestResponse<Institution> getInstitution(UUID id) {
        InstitutionEntity entity = service.get(id);
        return tagged(InstitutionMapper.toDto(entity, service.seesContacts(entity)));
    }

    @Override
    public RestResponse<Institution> updateInstitution(UUID id, InstitutionInput input, String ifMatch) {
        return tagged(InstitutionMapper.toDto(service.update(id, InstitutionMapper.toDraft(input), ifMatch), true));
    }

    @Override
    public RestResponse<AuditEventPage> getInstitutionHistory(UUID id, Integer offset, Integer limit) {
        return RestResponse.ok(AuditMapper.toDto(service.history(id, offset, limit), offset, limit));
    }

    private static RestResponse<Institution> tagged(Institution dto) {
        return RestResponse.ResponseBuilder.ok(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }
}

package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.recommendations.api.ModerationApi;
import org.opennrtd.recommendations.api.model.IdentityDisclosurePage;
import org.opennrtd.recommendations.api.model.Moderator;
import org.opennrtd.recommendations.api.model.ModeratorInput;
import org.opennrtd.recommendations.api.model.ModeratorPage;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.entity.IdentityDisclosureEntity;
import org.opennrtd.recommendations.entity.ModeratorGrantEntity;
import org.opennrtd.recommendations.mapping.ModerationMapper;
import org.opennrtd.recommendations.repository.ModerationRepository;
import org.opennrtd.recommendations.service.ModerationService;

/** HTTP only: the contract's ModerationApi, mapped onto {@link ModerationService}. */
public class ModerationResource implements ModerationApi {

    @Inject
    ModerationService service;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<ModeratorPage> listModerators(String country, Integer offset, Integer limit) {
        ModerationRepository.Slice<ModeratorGrantEntity> slice = service.list(country, offset, limit);
        return RestResponse.ok(new ModeratorPage()
                .items(slice.items().stream().map(ModerationMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(slice.total())));
    }

    @Override
    public RestResponse<Moderator> grantModerator(ModeratorInput input) {
        Moderator granted = ModerationMapper.toDto(service.grant(input.getCountry(), input.getUserName()));
        return RestResponse.ResponseBuilder.<Moderator>created(
                        uriInfo.getBaseUriBuilder().path("api/v1/moderators/{id}").build(granted.getId()))
                .entity(granted).header("ETag", EntityTags.of(granted.getVersion())).build();
    }

    @Override
    public RestResponse<Moderator> getModerator(UUID id) {
        Moderator grant = ModerationMapper.toDto(service.get(id));
        return RestResponse.ResponseBuilder.ok(grant).header("ETag", EntityTags.of(grant.getVersion())).build();
    }

    @Override
    public RestResponse<Void> revokeModerator(UUID id, String ifMatch) {
        service.revoke(id, ifMatch);
        return RestResponse.noContent();
    }

    @Override
    public RestResponse<IdentityDisclosurePage> listMyIdentityDisclosures(Integer offset, Integer limit) {
        ModerationRepository.Slice<IdentityDisclosureEntity> slice = service.myDisclosures(offset, limit);
        return RestResponse.ok(new IdentityDisclosurePage()
                .items(slice.items().stream().map(ModerationMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(slice.total())));
    }
}

package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.recommendations.api.ClustersApi;
import org.opennrtd.recommendations.api.model.AuditEvent;
import org.opennrtd.recommendations.api.model.AuditEventPage;
import org.opennrtd.recommendations.api.model.Cluster;
import org.opennrtd.recommendations.api.model.ClusterComputation;
import org.opennrtd.recommendations.api.model.ClusterComputationInput;
import org.opennrtd.recommendations.api.model.ClusterInput;
import org.opennrtd.recommendations.api.model.ClusterPage;
import org.opennrtd.recommendations.api.model.ClusterSuggestion;
import org.opennrtd.recommendations.api.model.ClusterSuggestionAcceptance;
import org.opennrtd.recommendations.api.model.ClusterSuggestionDecision;
import org.opennrtd.recommendations.api.model.ClusterSuggestionDecisionResult;
import org.opennrtd.recommendations.api.model.ClusterSuggestionDecisions;
import org.opennrtd.recommendations.api.model.ClusterSuggestionPage;
import org.opennrtd.recommendations.api.model.ClusterSuggestionState;
import org.opennrtd.recommendations.api.model.ClusterUpdate;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.mapping.ClusterMapper;
import org.opennrtd.recommendations.repository.ClusterSuggestionRepository;
import org.opennrtd.recommendations.service.ClusterComputationService;
import org.opennrtd.recommendations.service.ClusterService;

/** HTTP only: the contract's ClustersApi, mapped onto {@link ClusterService} and {@link ClusterComputationService}. */
public class ClusterResource implements ClustersApi {

    @Inject
    ClusterService service;

    @Inject
    ClusterComputationService computations;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<ClusterPage> listClusters(String country, UUID recommendationId, Integer offset, Integer limit,
            String sort) {
        ClusterService.Page page = service.list(country, recommendationId, sort, offset, limit);
        return RestResponse.ok(new ClusterPage().items(page.items().stream().map(ClusterMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    @Override
    public RestResponse<Cluster> createCluster(ClusterInput input) {
        ClusterService.View created = service.create(new ClusterService.Draft(input.getCountry(), input.getName(),
                input.getDescription(), input.getLeadInstitutionId(), input.getRecommendationIds()));
        return tagged(RestResponse.ResponseBuilder.created(
                uriInfo.getBaseUriBuilder().path("api/v1/clusters/{id}").build(created.cluster().id)), created);
    }

    @Override
    public RestResponse<Cluster> getCluster(UUID id) {
        return tagged(RestResponse.ResponseBuilder.ok(), service.get(id));
    }

    @Override
    public RestResponse<Cluster> updateCluster(UUID id, ClusterUpdate update, String ifMatch) {
        return tagged(RestResponse.ResponseBuilder.ok(), service.update(id, new ClusterService.Draft(null,
                update.getName(), update.getDescription(), update.getLeadInstitutionId(), update.getRecommendationIds()),
                ifMatch));
    }

    @Override
    public RestResponse<Void> deleteCluster(UUID id, String ifMatch) {
        service.delete(id, ifMatch);
        return RestResponse.noContent();
    }

    @Override
    public RestResponse<Cluster> addClusterMember(UUID id, UUID recommendationId, String ifMatch) {
        return tagged(RestResponse.ResponseBuilder.ok(), service.addMember(id, recommendationId, ifMatch));
    }

    @Override
    public RestResponse<Cluster> removeClusterMember(UUID id, UUID recommendationId, String ifMatch) {
        return tagged(RestResponse.ResponseBuilder.ok(), service.removeMember(id, recommendationId, ifMatch));
    }

    @Override
    public RestResponse<AuditEventPage> getClusterHistory(UUID id, Integer offset, Integer limit) {
        AuditHistory history = service.history(id, offset, limit);
        return RestResponse.ok(new AuditEventPage()
                .items(history.entries().stream().map(ClusterResource::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(history.total())));
    }

    @Override
    public RestResponse<ClusterComputation> createClusterComputation(ClusterComputationInput input) {
        ClusterSuggestionRepository.Computation job = computations.request(input.getCountry(), input.getK(),
                input.getScope());
        computations.start(job.id());
        return RestResponse.ResponseBuilder.<ClusterComputation>accepted()
                .location(uriInfo.getBaseUriBuilder().path("api/v1/cluster-computations/{id}").build(job.id()))
                .entity(ClusterMapper.toDto(job)).build();
    }

    @Override
    public RestResponse<ClusterComputation> getClusterComputation(UUID id) {
        ClusterSuggestionRepository.Computation job = computations.get(id);
        return RestResponse.ResponseBuilder.ok(ClusterMapper.toDto(job))
                .header("ETag", service.computationTag(job.id())).build();
    }

    @Override
    public RestResponse<ClusterSuggestionDecisionResult> acceptClusterComputationSuggestions(UUID id, String ifMatch) {
        return RestResponse.ok(new ClusterSuggestionDecisionResult()
                .items(service.acceptAll(id, ifMatch).stream().map(ClusterMapper::toDto).toList()));
    }

    @Override
    public RestResponse<ClusterSuggestionDecisionResult> decideClusterSuggestions(ClusterSuggestionDecisions input) {
        return RestResponse.ok(new ClusterSuggestionDecisionResult().items(service.decide(
                input.getDecision() == ClusterSuggestionDecision.ACCEPT,
                input.getSuggestions().stream().map(d -> new ClusterService.Decision(d.getId(), d.getEtag())).toList())
                .stream().map(ClusterMapper::toDto).toList()));
    }

    @Override
    public RestResponse<ClusterSuggestionPage> listClusterSuggestions(String country, UUID computationId,
            ClusterSuggestionState state, Integer offset, Integer limit) {
        ClusterSuggestionRepository.SuggestionPage page = service.suggestions(country, computationId,
                state == null ? null : state.name(), offset, limit);
        return RestResponse.ok(new ClusterSuggestionPage()
                .items(page.items().stream().map(ClusterMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    @Override
    public RestResponse<ClusterSuggestion> getClusterSuggestion(UUID id) {
        return tagged(service.suggestion(id));
    }

    @Override
    public RestResponse<Cluster> acceptClusterSuggestion(UUID id, ClusterSuggestionAcceptance acceptance,
            String ifMatch) {
        ClusterService.View created = service.accept(id, acceptance.getName(), acceptance.getDescription(),
                acceptance.getLeadInstitutionId(), acceptance.getRecommendationIds(), ifMatch);
        return tagged(RestResponse.ResponseBuilder.created(
                uriInfo.getBaseUriBuilder().path("api/v1/clusters/{id}").build(created.cluster().id)), created);
    }

    @Override
    public RestResponse<ClusterSuggestion> discardClusterSuggestion(UUID id, String ifMatch) {
        return tagged(service.discard(id, ifMatch));
    }

    private static RestResponse<ClusterSuggestion> tagged(ClusterSuggestionRepository.Suggestion suggestion) {
        return RestResponse.ResponseBuilder.ok(ClusterMapper.toDto(suggestion))
                .header("ETag", ClusterService.etag(suggestion)).build();
    }

    private static RestResponse<Cluster> tagged(RestResponse.ResponseBuilder<Cluster> builder,
            ClusterService.View view) {
        Cluster dto = ClusterMapper.toDto(view);
        return builder.entity(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }

    private static AuditEvent toDto(AuditHistory.Entry e) {
        return new AuditEvent().id(e.id()).occurredAt(e.occurredAt()).actor(e.actor()).action(e.action())
                .before(e.before()).after(e.after());
    }
}

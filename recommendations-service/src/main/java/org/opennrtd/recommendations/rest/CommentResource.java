package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.recommendations.api.CommentsApi;
import org.opennrtd.recommendations.api.model.AuditEventPage;
import org.opennrtd.recommendations.api.model.Comment;
import org.opennrtd.recommendations.api.model.CommentAuthor;
import org.opennrtd.recommendations.api.model.CommentEdit;
import org.opennrtd.recommendations.api.model.CommentInput;
import org.opennrtd.recommendations.api.model.CommentPage;
import org.opennrtd.recommendations.api.model.CommentVisibility;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.mapping.DialogueMapper;
import org.opennrtd.recommendations.service.CommentService;

/** HTTP only: the contract's CommentsApi, mapped onto {@link CommentService}. */
public class CommentResource implements CommentsApi {

    @Inject
    CommentService service;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<CommentPage> listRecommendationComments(UUID id, Integer offset, Integer limit) {
        return page(service.onRecommendation(id, offset, limit), offset, limit);
    }

    @Override
    public RestResponse<Comment> createRecommendationComment(UUID id, CommentInput input) {
        return created(service.comment(id, DialogueMapper.toDraft(input)));
    }

    @Override
    public RestResponse<CommentPage> listProgressUpdateComments(UUID id, Integer offset, Integer limit) {
        return page(service.onProgressUpdate(id, offset, limit), offset, limit);
    }

    @Override
    public RestResponse<Comment> createProgressUpdateComment(UUID id, CommentInput input) {
        return created(service.commentOnProgressUpdate(id, DialogueMapper.toDraft(input)));
    }

    @Override
    public RestResponse<Comment> getComment(UUID id) {
        return tagged(RestResponse.ResponseBuilder.ok(), DialogueMapper.toDto(service.get(id)));
    }

    @Override
    public RestResponse<Comment> updateComment(UUID id, CommentEdit edit, String ifMatch) {
        return tagged(RestResponse.ResponseBuilder.ok(), DialogueMapper.toDto(service.edit(id, edit.getText(), ifMatch)));
    }

    @Override
    public RestResponse<Comment> updateCommentVisibility(UUID id, CommentVisibility visibility, String ifMatch) {
        return tagged(RestResponse.ResponseBuilder.ok(), DialogueMapper.toDto(
                service.setVisibility(id, visibility.getHidden(), visibility.getReason(), ifMatch)));
    }

    @Override
    public RestResponse<CommentAuthor> getCommentAuthor(UUID id) {
        return RestResponse.ok(DialogueMapper.toDto(service.author(id)));
    }

    @Override
    public RestResponse<AuditEventPage> getCommentHistory(UUID id, Integer offset, Integer limit) {
        return RestResponse.ok(DialogueMapper.toDto(service.history(id, offset, limit), offset, limit));
    }

    private static RestResponse<CommentPage> page(CommentService.ViewPage page, Integer offset, Integer limit) {
        return RestResponse.ok(new CommentPage()
                .items(page.items().stream().map(DialogueMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    private RestResponse<Comment> created(CommentService.View view) {
        Comment created = DialogueMapper.toDto(view);
        return tagged(RestResponse.ResponseBuilder.created(
                uriInfo.getBaseUriBuilder().path("api/v1/comments/{id}").build(created.getId())), created);
    }

    private static RestResponse<Comment> tagged(RestResponse.ResponseBuilder<Comment> builder, Comment dto) {
        return builder.entity(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }
}

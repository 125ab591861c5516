package org.opennrtd.recommendations.events;

/**
 * The kinds of change integrators can subscribe to. The names are part of the contract: webhook payloads carry
 * them as {@code type}, and subscriptions filter on them.
 */
public enum DomainEventType {
    RECOMMENDATION_CREATED,
    RECOMMENDATION_UPDATED,
    RECOMMENDATION_STATUS_CHANGED,
    RECOMMENDATION_PRIORITY_CHANGED,
    IMPORT_SUCCEEDED,
    ACTION_CREATED,
    ACTION_UPDATED,
    MILESTONE_DUE,
    MILESTONE_OVERDUE,
    PROGRESS_UPDATE_SUBMITTED,
    PROGRESS_UPDATE_VALIDATED,
    PROGRESS_UPDATE_RETURNED,
    COMMENT_CREATED,
    COMMENT_HIDDEN,
    ASSESSMENT_RECORDED,
    CLUSTER_CHANGED,
    SDG_LINK_CHANGED
}

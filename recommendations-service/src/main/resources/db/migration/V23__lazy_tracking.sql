-- Follow-up rows are made on a recommendation's first follow-up change instead of by a trigger on every insert: a
-- recommendation without a recommendation_tracking row is NOT_STARTED, without priority level, at version 0. Bulk
-- imports then write nothing but the recommendations themselves. Rows made so far stay as they are.
drop trigger recommendation_tracking_rows on recommendation;
drop function recommendation_tracking_rows();

-- The dashboard counts tickets per week from this index alone: created_at, then the flags it sums.
CREATE INDEX tickets_week_flags ON tickets(created_at, ai_involved, ai_resolved, unanswered, handover, source_id);
DROP INDEX tickets_created;

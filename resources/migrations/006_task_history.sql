-- A task's page reads its timeline a page at a time, and tool outputs as previews (tasks.get / tasks.history).
-- A long output keeps a preview beside it, written with the output, so a page never reads the whole of
-- one; its size is kept too. Outputs stored before this have no preview: a page shrinks them as it reads.
ALTER TABLE tool_calls ADD COLUMN output_bytes INTEGER;
ALTER TABLE tool_calls ADD COLUMN output_preview TEXT;
UPDATE tool_calls SET output_bytes = length(CAST(output AS BLOB)) WHERE output IS NOT NULL;
-- Pages and totals look reviews up by task; the other timeline tables have (task_id, created_at) already.
CREATE INDEX reviews_by_task ON reviews (task_id, created_at);

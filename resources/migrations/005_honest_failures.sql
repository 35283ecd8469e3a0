-- Failures say their cause: a task keeps the code and hint of what stopped it, and every model call its
-- finish reason, the code of its failure and, when it failed, what the model actually answered.
ALTER TABLE tasks ADD COLUMN error_code TEXT;
ALTER TABLE tasks ADD COLUMN error_hint TEXT;
UPDATE tasks SET error_code = CASE status WHEN 'cancelled' THEN 'CANCELLED' WHEN 'interrupted' THEN 'INTERRUPTED' ELSE 'INTERNAL' END
  WHERE error IS NOT NULL;

ALTER TABLE model_calls ADD COLUMN finish_reason TEXT;
ALTER TABLE model_calls ADD COLUMN error_code TEXT;
ALTER TABLE model_calls ADD COLUMN raw_reply TEXT;
UPDATE model_calls SET error_code = 'PROVIDER_ERROR' WHERE ok = 0;

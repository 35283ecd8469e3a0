-- A task's token and cost totals live on its row, kept by the trigger that records each model call:
-- reading a task no longer sums every call it made (a long task makes hundreds).
ALTER TABLE tasks ADD COLUMN input_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN output_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN cost_usd REAL NOT NULL DEFAULT 0;
UPDATE tasks SET
  input_tokens = COALESCE((SELECT SUM(input_tokens) FROM model_calls m WHERE m.task_id = tasks.id), 0),
  output_tokens = COALESCE((SELECT SUM(output_tokens) FROM model_calls m WHERE m.task_id = tasks.id), 0),
  cost_usd = COALESCE((SELECT SUM(cost_usd) FROM model_calls m WHERE m.task_id = tasks.id), 0);
DROP TRIGGER model_calls_touch;
CREATE TRIGGER model_calls_touch AFTER INSERT ON model_calls BEGIN
  UPDATE tasks SET
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    input_tokens = input_tokens + NEW.input_tokens,
    output_tokens = output_tokens + NEW.output_tokens,
    cost_usd = cost_usd + COALESCE(NEW.cost_usd, 0)
  WHERE id = NEW.task_id;
END;

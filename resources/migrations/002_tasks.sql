-- Agent tasks: the plan, the conversation, tool calls, reviews and every model call with its cost.
CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  goal TEXT NOT NULL,
  workspace_path TEXT NOT NULL,
  status TEXT NOT NULL,
  profile TEXT NOT NULL,
  model_override TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX tasks_by_created ON tasks (created_at);
CREATE INDEX tasks_by_status ON tasks (status);

CREATE TABLE task_steps (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  title TEXT NOT NULL,
  detail TEXT NOT NULL,
  status TEXT NOT NULL,
  summary TEXT,
  UNIQUE (task_id, idx)
) STRICT;

CREATE TABLE task_messages (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  step_id TEXT,
  role TEXT NOT NULL,
  content TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX task_messages_by_task ON task_messages (task_id, created_at);

CREATE TABLE tool_calls (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  step_id TEXT,
  name TEXT NOT NULL,
  input TEXT NOT NULL,
  output TEXT,
  status TEXT NOT NULL,
  risk TEXT,
  error TEXT,
  duration_ms INTEGER,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX tool_calls_by_task ON tool_calls (task_id, created_at);

CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  round INTEGER NOT NULL,
  verdict TEXT NOT NULL,
  reasons TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE model_calls (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  ok INTEGER NOT NULL,
  error TEXT,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cost_usd REAL,
  duration_ms INTEGER NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX model_calls_by_task ON model_calls (task_id, created_at);

-- Any change to a task's history moves its updated_at, in the same statement (no extra commit), so other
-- processes can find what changed since they last looked.
CREATE TRIGGER task_steps_touch_insert AFTER INSERT ON task_steps BEGIN UPDATE tasks SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.task_id; END;
CREATE TRIGGER task_steps_touch_update AFTER UPDATE ON task_steps BEGIN UPDATE tasks SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.task_id; END;
CREATE TRIGGER tool_calls_touch_insert AFTER INSERT ON tool_calls BEGIN UPDATE tasks SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.task_id; END;
CREATE TRIGGER tool_calls_touch_update AFTER UPDATE ON tool_calls BEGIN UPDATE tasks SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.task_id; END;
CREATE TRIGGER task_messages_touch AFTER INSERT ON task_messages BEGIN UPDATE tasks SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.task_id; END;
CREATE TRIGGER reviews_touch AFTER INSERT ON reviews BEGIN UPDATE tasks SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.task_id; END;
CREATE TRIGGER model_calls_touch AFTER INSERT ON model_calls BEGIN UPDATE tasks SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.task_id; END;
CREATE INDEX tasks_by_updated ON tasks (updated_at);

-- Which process runs a task, and until when its claim holds: a window must not mark a task that
-- `aura run` is still running as interrupted, nor start a second runner on it. A claim is renewed
-- while the task runs; one not renewed in time belongs to a process that is gone.
ALTER TABLE tasks ADD COLUMN runner TEXT;
ALTER TABLE tasks ADD COLUMN runner_seen_at INTEGER;
-- Cancel asked from another process; the runner sees it at its next renewal and stops the task.
ALTER TABLE tasks ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tasks_by_runner ON tasks (runner) WHERE runner IS NOT NULL;

import type { Statement } from 'better-sqlite3';
import type { PageContext } from '../../shared/bridge';
import { redactSecrets } from '../secrets/secret-values';

/**
 * The web page a task was sent with (`pages.send`), in its own table (migration 007) beside the task: up to
 * 500k characters that task lists and pages never read. Stored redacted, like the goal.
 */
type Sql = (source: string) => Statement;

export function insertTaskPage(sql: Sql, taskId: string, page: PageContext): void {
  sql('INSERT INTO task_pages (task_id, url, title, text, selection) VALUES (?, ?, ?, ?, ?)').run(
    taskId,
    redactSecrets(page.url),
    redactSecrets(page.title),
    redactSecrets(page.text),
    page.selection === undefined ? null : redactSecrets(page.selection),
  );
}

export function readTaskPage(sql: Sql, taskId: string): PageContext | null {
  const row = sql('SELECT url, title, text, selection FROM task_pages WHERE task_id = ?').get(taskId) as { url: string; title: string; text: string; selection: string | null } | undefined;
  if (!row) return null;
  return { url: row.url, title: row.title, text: row.text, ...(row.selection === null ? {} : { selection: row.selection }) };
}

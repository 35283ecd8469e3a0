/**
 * "Allow for this task" answers: the tools each running task may call without asking again. In memory
 * only, by design: a grant lasts as long as the task's run, and is forgotten when it stops (or the host does).
 */
export class TaskGrants {
  private readonly grants = new Map<string, Set<string>>();

  grant(taskId: string, tool: string): void {
    let tools = this.grants.get(taskId);
    if (!tools) this.grants.set(taskId, (tools = new Set()));
    tools.add(tool);
  }

  has(taskId: string | null, tool: string): boolean {
    return taskId !== null && (this.grants.get(taskId)?.has(tool) ?? false);
  }

  /** Called when the task's run ends, however it ends. */
  clear(taskId: string): void {
    this.grants.delete(taskId);
  }
}

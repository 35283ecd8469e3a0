import { ShellInput } from '../../shared/vm';
import { defineTool } from '../tools/tool-definition';
import { displayPath, resolveInside } from '../tools/path-guard';
import type { VmService } from './vm-service';

/** The folder a command would start in, as the user sees it; null: where the task's shell already is. */
function shownCwd(roots: readonly string[], cwd: string | undefined): string | null {
  if (cwd === undefined) return null;
  try {
    return displayPath(roots, resolveInside(roots, cwd));
  } catch {
    return cwd; // refused when it runs; shown as the model gave it
  }
}

/** Whether the command could reach the network: as the settings say inside a sandbox, always without one. */
async function networkOpen(vm: VmService, roots: readonly string[]): Promise<boolean> {
  try {
    if ((await vm.probe()).sandbox === 'none') return true;
  } catch {
    // The worker could not say; the command cannot run before it can, so the setting is the answer.
  }
  return vm.sandboxFor(roots).network;
}

/**
 * `shell`: a bash command line in the task's own long-lived shell, inside the sandbox (the workspace
 * writable, a private /tmp, no network unless the settings allow it, a time limit that kills everything
 * it started). Without a sandbox every call asks first, whatever the profile.
 */
export const shellTool = (vm: VmService) =>
  defineTool({
    name: 'shell',
    description:
      'Run a bash command line in the workspace, in a sandbox: only the workspace and /tmp are writable, the network is off unless the user allowed it, and the shell keeps its folder and variables between calls of this task. Returns the exit code and the output (stdout and stderr together).',
    risk: 'execute',
    source: 'worker',
    inputSchema: ShellInput,
    askFirst: () => vm.askFirst(),
    preview: async (input: ShellInput, ctx) => ({ kind: 'command', command: input.command, cwd: shownCwd(ctx.roots, input.cwd), network: await networkOpen(vm, ctx.roots) }),
    run: (input: ShellInput, ctx) => vm.runShell(input, ctx),
  });

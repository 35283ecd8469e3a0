import { ShellInput } from '../../shared/vm';
import { defineTool } from '../tools/tool-definition';
import type { VmService } from './vm-service';

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
    run: (input: ShellInput, ctx) => vm.runShell(input, ctx),
  });

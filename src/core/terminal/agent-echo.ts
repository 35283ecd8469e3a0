import type { ToolCallRecord } from '../../shared/tasks';

/**
 * How the agent's `shell` commands look in the workspace's terminal: a dim header with the command, its
 * output as it streams, then a dim line with the exit code. The command is the model's text, so its
 * control characters are shown, never obeyed; the output is what the program printed, as any terminal
 * shows it.
 */
const DIM = '\x1b[2m';
const NORMAL = '\x1b[22m';
/** A header shows this much of a long command; the task's page has all of it. */
const HEADER_CHARS = 2000;
/** Output of a call that streamed nothing (it ran in another process), printed from its record at most. */
const RECORD_OUTPUT_CHARS = 64 * 1024;

export function commandHeader(command: string): string {
  const shown = command.length > HEADER_CHARS ? `${command.slice(0, HEADER_CHARS)}…` : command;
  const lines = visible(shown).split('\n');
  return `\r\n${DIM}── agent ── $ ${lines.join('\r\n   ')}${NORMAL}\r\n`;
}

/** Program output as a terminal expects it: line feeds become CR LF. */
export function outputText(chunk: string): string {
  return chunk.replace(/\r?\n/g, '\r\n');
}

/** The closing line of a finished call, with its output first when none was streamed. */
export function commandFooter(call: Pick<ToolCallRecord, 'status' | 'output' | 'error'>, streamed: boolean): string {
  const output = call.output as { exitCode?: unknown; output?: unknown } | null;
  let text = '';
  if (!streamed && typeof output?.output === 'string' && output.output) {
    const body = output.output.length > RECORD_OUTPUT_CHARS ? `…${output.output.slice(-RECORD_OUTPUT_CHARS)}` : output.output;
    text += outputText(body.endsWith('\n') ? body : `${body}\n`);
  }
  let what: string;
  if (call.status === 'done') what = `exit ${typeof output?.exitCode === 'number' ? output.exitCode : '?'}`;
  else if (call.status === 'denied') what = 'not run';
  else what = `failed: ${visible(call.error?.message ?? 'unknown error').split('\n')[0]?.slice(0, 300)}`;
  return `${text}${DIM}── ${what} ──${NORMAL}\r\n`;
}

/**
 * Control characters shown, not obeyed: C0 and DEL in caret notation (`^[`), C1 (which xterm also reads
 * as escapes) as `<9b>`; tabs and line feeds stay.
 */
function visible(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => {
    const code = char.charCodeAt(0);
    if (code === 0x7f) return '^?';
    return code < 0x20 ? `^${String.fromCharCode(code + 64)}` : `<${code.toString(16)}>`;
  });
}

import { CliError } from './cli-error';
import type { CliIo } from './command-line';
import { connectOrStartHost, connectToHost } from './host-connection';

type HostCommand = 'status' | 'start' | 'stop';
export const HOST_COMMANDS: Record<string, HostCommand> = { 'host status': 'status', 'host start': 'start', 'host stop': 'stop' };

interface HostInfoLike {
  kind: string;
  pid: number;
  version: string;
  startedAt: string;
  url: string | null;
  bridgeUrl: string | null;
  idleExitMs: number | null;
}

const describe = (info: HostInfoLike) =>
  [
    `Aura Work ${info.version}: ${info.kind} host, pid ${info.pid}, since ${info.startedAt}`,
    ...(info.url ? [`UI:     ${info.url}`] : []),
    ...(info.bridgeUrl ? [`Bridge: ${info.bridgeUrl}`] : []),
    ...(info.idleExitMs ? [`Stops after ${Math.round(info.idleExitMs / 60_000)} idle minutes.`] : []),
  ].join('\n');

/** `aura host status|start|stop`: the host's life, which (unlike data commands) status and stop never start. */
export async function hostCommand(command: HostCommand, json: boolean, io: CliIo): Promise<number> {
  const client = command === 'start' ? await connectOrStartHost(io.env, io.distDir) : await connectToHost(io.env);
  if (!client) {
    io.out(json ? JSON.stringify({ running: false }) : 'No Aura Work host is running for this data folder.');
    return command === 'status' ? 1 : 0;
  }
  try {
    const reply = await client.call('host.info');
    if (!reply.ok) throw new CliError(reply.error.code, reply.error.message, reply.error.hint);
    const info = reply.result as HostInfoLike;
    if (command !== 'stop') {
      io.out(json ? JSON.stringify({ running: true, ...info }, null, 2) : describe(info));
      return 0;
    }
    const closed = new Promise<void>((resolve) => client.onClose(resolve));
    const stopped = await client.call('host.stop');
    if (!stopped.ok || !(stopped.result as { stopping: boolean }).stopping) {
      throw new CliError('CONFLICT', `The ${info.kind} host (pid ${info.pid}) was started from ${info.kind === 'desktop' ? 'the desktop' : 'a terminal'}; it is stopped there.`, info.kind === 'desktop' ? 'Quit Aura Work from its tray or menu.' : 'Press Ctrl-C in the terminal running `npm start`.');
    }
    // Stopped means gone: the host closes every connection as its last act.
    await closed;
    io.out(json ? JSON.stringify({ stopped: true, pid: info.pid }) : `Stopped the background host (pid ${info.pid}).`);
    return 0;
  } finally {
    client.close();
  }
}

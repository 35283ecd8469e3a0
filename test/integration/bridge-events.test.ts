import { randomUUID } from 'node:crypto';
import { request, type IncomingMessage } from 'node:http';
import type { ToolCallRecord } from '../../src/shared/tasks';
import { asOwner, openBridge } from '../support/bridge';

/** An open event stream: the frames received so far, and a way to wait for more (bounded). */
function follow(port: number, path: string, token: string) {
  const frames: { event: string; data: unknown }[] = [];
  let text = '';
  let closed = false;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((wakeUp) => wakeUp());
  const opened = new Promise<IncomingMessage>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (let end = text.indexOf('\n\n'); end !== -1; end = text.indexOf('\n\n')) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) frames.push({ event, data: JSON.parse(data) as unknown });
        }
        wake();
      });
      res.on('close', () => {
        closed = true;
        wake();
      });
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
  const until = async (done: () => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100).unref();
      });
    }
  };
  return { frames, opened, until, isClosed: () => closed };
}

const toolCall = (status: ToolCallRecord['status']): ToolCallRecord => ({ id: randomUUID(), taskId: randomUUID(), stepId: null, name: 'shell', input: {}, output: null, status, risk: 'execute', error: null, durationMs: null, createdAt: new Date().toISOString() });

describe('bridge event stream', () => {
  let fixture: Awaited<ReturnType<typeof openBridge>>;
  beforeAll(async () => {
    fixture = await openBridge({ heartbeatMs: 200 });
  });
  afterAll(() => fixture.dispose());

  it('sends each client only the topics and events its scopes allow, and closes when it is revoked', async () => {
    const { app, port } = fixture;
    const reader = (await asOwner(app, 'bridge.tokens.create', { name: 'reader', scopes: ['tasks:read'] })).token;
    const approver = (await asOwner(app, 'bridge.tokens.create', { name: 'approver', scopes: ['approvals'] })).token;
    const readerStream = follow(port, '/v1/events?topics=task.toolCall,workspaces.changed', reader);
    const approverStream = follow(port, '/v1/events', approver);
    expect((await readerStream.opened).statusCode).toBe(200);
    expect((await approverStream.opened).statusCode).toBe(200);

    const running = toolCall('running');
    const waiting = toolCall('waiting_approval');
    app.events.emit('task.toolCall', running);
    app.events.emit('task.toolCall', waiting);
    app.events.emit('settings.changed', app.settings.getAll());
    app.events.emit('bridge.changed', {});
    await asOwner(app, 'workspaces.list', {});
    app.events.emit('workspaces.changed', []);

    await readerStream.until(() => readerStream.frames.length >= 2, 'the reader\'s events');
    await approverStream.until(() => approverStream.frames.length >= 1, 'the approver\'s event');
    // A reader sees tool calls, but one waiting for an answer is an approval; the owner's events go to nobody.
    expect(readerStream.frames).toEqual([
      { event: 'task.toolCall', data: running },
      { event: 'workspaces.changed', data: [] },
    ]);
    expect(approverStream.frames).toEqual([{ event: 'task.toolCall', data: waiting }]);

    await asOwner(app, 'bridge.clients.revoke', { name: 'reader' });
    await readerStream.until(readerStream.isClosed, 'the revoked client\'s stream to close');
    expect(approverStream.isClosed()).toBe(false);
  });
});

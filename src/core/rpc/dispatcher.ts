import { isProcedureName, procedures, type ProcedureArgs, type ProcedureName, type ProcedureOutput } from '../../shared/contract';
import { AuraError, describeIssues, toErrorShape, type ErrorShape } from '../../shared/errors';
import type { RpcResult } from '../../shared/wire';
import type { Principal } from '../../shared/auth';
import { actorOf, mayCall, mayReadSecretValues } from '../auth/access';
import type { Logger } from '../logging/logger';
import { redactDeep } from '../secrets/secret-values';

/** Who is calling, and the actor every audit entry the call writes records. */
export interface CallContext {
  principal: Principal;
  actor: string;
  /** Runs `task` once the reply is built and redacted: a secret this very reply hands out is registered for redaction only then. */
  afterReply(task: () => void): void;
  /** This reply hands the owner a secret on purpose (`vault.get`): it is sent unredacted. */
  revealSecrets(): void;
}

export type Handlers = {
  [K in ProcedureName]: (input: ProcedureArgs<K>, ctx: CallContext) => ProcedureOutput<K> | Promise<ProcedureOutput<K>>;
};

export type Dispatch = (method: unknown, input: unknown, principal: Principal) => Promise<RpcResult>;

const fail = (error: ErrorShape): RpcResult => ({ ok: false, error });

/**
 * The single entry point of every host: validates the input, runs the handler, validates the
 * output and turns every failure into the one error shape. It never throws.
 */
export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  return async (method, input, principal) => {
    if (!isProcedureName(method)) {
      return fail({ code: 'UNKNOWN_PROCEDURE', message: `There is no procedure named "${String(method).slice(0, 100)}".`, hint: 'Update the client; it may be newer or older than the app.' });
    }
    const spec = procedures[method];
    if (!mayCall(principal, spec.access)) {
      return fail({ code: 'FORBIDDEN', message: `This client may not call ${method}.`, hint: spec.access === 'owner' ? 'Only the app itself and the aura CLI may do that.' : `Pair the client again with the "${spec.access}" scope.` });
    }
    const after: (() => void)[] = [];
    let reveal = false;
    const ctx: CallContext = { principal, actor: actorOf(principal), afterReply: (task) => after.push(task), revealSecrets: () => (reveal = spec.access === 'owner' && mayReadSecretValues(principal)) };
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return fail({ code: 'INVALID_INPUT', message: `Invalid input for ${method}: ${describeIssues(parsed.error)}.` });
    try {
      const handler = handlers[method] as (input: unknown, ctx: CallContext) => unknown;
      const result = await handler(parsed.data, ctx);
      const checked = spec.output.safeParse(result);
      if (!checked.success) {
        logger.error('procedure returned output outside the contract', { method, issues: describeIssues(checked.error) });
        return fail({ code: 'INVALID_OUTPUT', message: `${method} produced an answer outside the contract.`, hint: 'This is a bug in Aura Work; see the log in Settings → Diagnostics.' });
      }
      const reply: RpcResult = { ok: true, result: reveal ? checked.data : redactDeep(checked.data) };
      for (const task of after) task();
      return reply;
    } catch (err) {
      const known = err instanceof AuraError ? err : fromSystemError(err);
      if (!known) logger.error('procedure failed', { method, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      return fail(redactDeep(toErrorShape(known ?? err)));
    }
  };
}

/** Names the system failures a user can act on; the transaction has already rolled back. */
function fromSystemError(err: unknown): AuraError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new AuraError('DISK_FULL', 'The disk is full, so nothing was changed.', 'Free some disk space and try again.');
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new AuraError('IO_ERROR', 'The database is busy with another Aura Work process.', 'Try again in a moment.');
  }
  if (code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EPERM') {
    return new AuraError('IO_ERROR', 'Aura Work may not write to its data folder.', 'Check the permissions of the data folder (AURA_HOME).');
  }
  return null;
}

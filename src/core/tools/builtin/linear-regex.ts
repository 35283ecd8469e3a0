import { setFlagsFromString } from 'node:v8';
import { AuraError } from '../../../shared/errors';

let enabled = false;

/**
 * Compiles a model-written pattern for V8's linear-time engine (the `l` flag), so no pattern can
 * backtrack for minutes and freeze the process that runs every service: `(a+)+$` on a long line is
 * instant here. The engine is behind a V8 flag, set once before the first such pattern is compiled.
 * Backreferences and lookaround need backtracking and are refused with a clear message.
 */
export function compileLinear(pattern: string, ignoreCase: boolean): RegExp {
  if (!enabled) {
    setFlagsFromString('--enable-experimental-regexp-engine');
    enabled = true;
  }
  try {
    return new RegExp(pattern, ignoreCase ? 'il' : 'l');
  } catch (err) {
    const message = (err as Error).message;
    if (message.includes('linear time')) throw new AuraError('INVALID_INPUT', 'That pattern needs backreferences or lookaround, which grep does not support.', 'Use a plain regular expression.');
    throw new AuraError('INVALID_INPUT', `Invalid regular expression: ${message}`);
  }
}

import type { Logger } from '../logging/logger';

/**
 * The AI SDK prints provider warnings to the console by default, which would land in the CLI's output;
 * send them to the log instead. It is a process-wide setting, so the last app opened owns it.
 */
export function routeSdkWarnings(logger: Logger): void {
  globalThis.AI_SDK_LOG_WARNINGS = ({ warnings, provider, model }) => {
    if (warnings.length) logger.warn('model provider warning', { provider, model, warnings: warnings.map((w) => JSON.stringify(w).slice(0, 300)) });
  };
}

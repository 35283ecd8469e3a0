import { generateText, type LanguageModel, type ModelMessage } from 'ai';
import type { ModelRef } from '../../shared/providers';
import type { FinishReason } from '../../shared/tasks';
import { contextWindow } from '../providers/capabilities';

/** Rough tokens of a conversation: ~4 characters a token, which overestimates code and JSON a little. */
export function estimateTokens(value: unknown): number {
  return Math.ceil((typeof value === 'string' ? value.length : JSON.stringify(value).length) / 4);
}

/** Share of the context window the conversation may fill before older turns are compacted. */
const FILL_LIMIT = 0.6;
/** Share of the window the newest turns keep, word for word, after compaction. */
const KEEP_SHARE = 0.25;
/** Characters of each older turn the summarizer is shown. */
const TURN_EXCERPT = 2000;

export type Summarize = (model: LanguageModel, ref: ModelRef, transcript: string) => Promise<string>;

/**
 * Keeps one step's tool loop inside its model's context window. Before each model call, when the
 * conversation would fill more than FILL_LIMIT of the window, the older turns (all but the step's
 * instruction and the newest ones) are replaced by a summary. The summary is remembered, so later
 * calls of the loop reuse it and only summarize again when the window fills once more.
 */
export class ContextCompactor {
  /** How many of the loop's leading messages the summary stands for (after the instruction). */
  private covered = 0;
  private summary: string | null = null;

  constructor(
    private readonly reservedTokens: number,
    private readonly summarize: Summarize,
  ) {}

  /** Compactions done so far, for the record. */
  compactions = 0;

  async prepare(messages: ModelMessage[], ref: ModelRef, model: LanguageModel): Promise<ModelMessage[] | null> {
    const window = contextWindow(ref);
    const view = this.view(messages);
    if (this.reservedTokens + estimateTokens(view) <= window * FILL_LIMIT) return this.summary ? view : null;
    const cut = this.cutIndex(messages, window);
    if (cut <= this.covered + 1) return this.summary ? view : null; // nothing older left to fold in
    const older = messages.slice(this.covered + 1, cut);
    const transcript = [this.summary ? `Earlier summary:\n${this.summary}` : '', ...older.map(describeMessage)].filter(Boolean).join('\n\n');
    this.summary = await this.summarize(model, ref, transcript).catch(() => digest(older, this.summary));
    this.covered = cut - 1;
    this.compactions += 1;
    return this.view(messages);
  }

  private view(messages: ModelMessage[]): ModelMessage[] {
    if (!this.summary || !messages.length) return messages;
    const [instruction, ...rest] = messages as [ModelMessage, ...ModelMessage[]];
    const note = `\n\nSummary of your earlier work on this step (older turns were compacted to fit the context window):\n${this.summary}`;
    const first: ModelMessage = instruction.role === 'user' && typeof instruction.content === 'string' ? { role: 'user', content: instruction.content + note } : instruction;
    return [first, ...rest.slice(this.covered)];
  }

  /** Where the kept newest turns start: at an assistant turn, so no tool result loses its call. */
  private cutIndex(messages: ModelMessage[], window: number): number {
    let kept = 0;
    let cut = messages.length;
    for (let i = messages.length - 1; i > this.covered; i -= 1) {
      kept += estimateTokens(messages[i]);
      if (kept > window * KEEP_SHARE) break;
      if (messages[i]?.role === 'assistant') cut = i;
    }
    // Always fold at least the oldest uncovered turn pair, or the loop would never shrink.
    if (cut === messages.length) {
      const next = messages.findIndex((m, i) => i > this.covered + 1 && m.role === 'assistant');
      cut = next === -1 ? messages.length : next;
    }
    return cut;
  }
}

function describeMessage(message: ModelMessage): string {
  const content = typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
  return `[${message.role}] ${content.length > TURN_EXCERPT ? `${content.slice(0, TURN_EXCERPT)}… (${content.length} chars)` : content}`;
}

/** The fallback when the summarizing call fails: which turns happened, shortened; nothing is invented. */
function digest(older: ModelMessage[], previous: string | null): string {
  const lines = older.map((m) => describeMessage(m).slice(0, 300));
  return [previous ?? '', ...lines].filter(Boolean).join('\n').slice(-6000);
}

/** Summarizes with the model that runs the step: it knows the task, and no other model may be set up. */
export function modelSummarizer(onCall: (ref: ModelRef, usage: { inputTokens: number; outputTokens: number }, finishReason: FinishReason, ms: number) => void, signal: AbortSignal): Summarize {
  return async (model, ref, transcript) => {
    const started = Date.now();
    const { text, usage, finishReason } = await generateText({
      model,
      system: 'You compress an agent’s working notes. Keep every fact needed to finish the step: files read or changed, commands and their results, decisions, errors, what is left. Plain text, at most 300 words.',
      prompt: transcript,
      maxRetries: 0,
      abortSignal: signal,
    });
    onCall(ref, { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 }, finishReason, Date.now() - started);
    return text.trim() || digest([], transcript.slice(-6000));
  };
}

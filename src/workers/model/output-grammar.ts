import { ANY_JSON_OBJECT, type CallPlan } from './call-plan';
import type { GbnfJsonSchema, LlamaGrammar, LlamaModel } from './llama-api';

/** Grammars kept per model: the most recently used few, since a model usually sees the same few schemas. */
const KEPT_PER_MODEL = 32;
/** By model, then by grammar schema. A grammar is immutable once made, so calls can share it. */
const grammars = new WeakMap<LlamaModel, Map<string, Promise<LlamaGrammar>>>();

/**
 * The grammar of the JSON answer a call plans, or undefined for plain text. A schema node-llama-cpp
 * cannot make a grammar of falls back to any JSON object, with a warning added to the plan's.
 */
export async function outputGrammar(model: LlamaModel, plan: CallPlan): Promise<LlamaGrammar | undefined> {
  if (!plan.output) return undefined;
  if (!plan.output.schema) return grammarFor(model, plan.output.grammar);
  try {
    return await grammarFor(model, plan.output.grammar);
  } catch (err) {
    plan.warnings.push({
      type: 'unsupported',
      feature: 'responseFormat schema',
      details: `node-llama-cpp could not make a grammar of the schema (${err instanceof Error ? err.message : String(err)}); the answer is held to any JSON object instead.`,
    });
    return grammarFor(model, ANY_JSON_OBJECT);
  }
}

function grammarFor(model: LlamaModel, schema: GbnfJsonSchema): Promise<LlamaGrammar> {
  let kept = grammars.get(model);
  if (!kept) {
    kept = new Map();
    grammars.set(model, kept);
  }
  const key = JSON.stringify(schema);
  let grammar = kept.get(key);
  // A failure stays too: a schema that cannot be made a grammar will not become one on the next call.
  if (!grammar) grammar = Promise.resolve().then(() => model.llama.createGrammarForJsonSchema(schema));
  // Most recently used last, so the first is the one to forget.
  kept.delete(key);
  kept.set(key, grammar);
  if (kept.size > KEPT_PER_MODEL) kept.delete(kept.keys().next().value as string);
  return grammar;
}

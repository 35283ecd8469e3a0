// A real HTTP server that answers as the OpenAI chat completions, Anthropic messages and Gemini
// generateContent APIs do, from a script of turns. Production code never knows about it: tests point a provider's baseURL at it.
export { startScriptedLlm, type RecordedRequest, type ScriptedLlm, type ScriptedLlmOptions } from './server';
export { loadScript, readScriptFile } from './load-script';
export { Script, Turn, type FinishReason, type StructuredTurn, type TurnUsage } from './script';
export { DEFAULT_PROSE } from './reply';

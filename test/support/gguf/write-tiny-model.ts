// Writes a tiny GGUF model of the `llama` architecture that llama.cpp loads and runs
// like any other, so the local-model provider can be tested for real without downloading weights.
//
// Its weights are crafted, not trained: the two projections that write back into the residual stream
// (attn_output, ffn_down) are zero, so the last hidden state is the current token's embedding and the
// model is a bigram table in transformer form. Every ordinary token is followed by "▁hello", then
// "▁world", "||call:" and the end-of-sequence token. "||call:" is the function-call prefix of
// node-llama-cpp's ChatML wrapper: with tools on offer it opens a (grammar-constrained) tool call,
// without them it is plain text. "~" is followed by "~" for ever, so when the prompt ends with an
// assistant message "~", the reply runs until something stops it (maxOutputTokens, an abort). The other
// weights are seeded noise, so every matrix product still runs. The file is about 350 KB.
import { writeFileSync } from 'node:fs';
import { encodeGguf, type GgufTensor, type GgufValue } from './gguf-writer';
import { buildTinyVocab, LOOP, SPOKEN } from './tiny-vocab';

const EMBED = 64;
const HEADS = 4;
const FEED_FORWARD = 128;
const CONTEXT = 2048;
/** Logit scale of the one token each state predicts: far above the zero logits of all others. */
const CONFIDENCE = 4;

const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** mulberry32: a small seeded generator, so the file is the same bytes on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds the model file's bytes. */
export function buildTinyModel(seed = 1): Buffer {
  const random = seededRandom(seed);
  const noise = (count: number, scale: number) => Float32Array.from({ length: count }, () => (random() * 2 - 1) * scale);
  const ones = (count: number) => new Float32Array(count).fill(1);
  const vocab = buildTinyVocab();
  const size = vocab.tokens.length;

  // Dims 0..4 of an embedding say which state its token is in: state k + 1 for stateful[k], 0 for the rest.
  const stateful = [SPOKEN.hello, SPOKEN.world, SPOKEN.call, LOOP].map((piece) => vocab.id(piece));
  const embeddings = new Float32Array(EMBED * size);
  for (let token = 0; token < size; token++) {
    const row = token * EMBED;
    const state = stateful.indexOf(token) + 1;
    embeddings[row + state] = 1;
    // Dims 8.. carry noise that no output row reads: it only makes the embeddings less artificial.
    for (let dim = 8; dim < EMBED; dim++) embeddings[row + dim] = (random() * 2 - 1) * 0.1;
  }
  const output = new Float32Array(EMBED * size);
  // next[state] is the token predicted in that state: ordinary → hello → world → call → </s>; ~ → ~.
  const next = [vocab.id(SPOKEN.hello), vocab.id(SPOKEN.world), vocab.id(SPOKEN.call), vocab.id('</s>'), vocab.id(LOOP)];
  next.forEach((token, state) => {
    output[token * EMBED + state] = CONFIDENCE;
  });

  const tensors: GgufTensor[] = [
    { name: 'token_embd.weight', dims: [EMBED, size], data: embeddings },
    { name: 'output_norm.weight', dims: [EMBED], data: ones(EMBED) },
    { name: 'output.weight', dims: [EMBED, size], data: output },
    { name: 'blk.0.attn_norm.weight', dims: [EMBED], data: ones(EMBED) },
    { name: 'blk.0.attn_q.weight', dims: [EMBED, EMBED], data: noise(EMBED * EMBED, 0.1) },
    { name: 'blk.0.attn_k.weight', dims: [EMBED, EMBED], data: noise(EMBED * EMBED, 0.1) },
    { name: 'blk.0.attn_v.weight', dims: [EMBED, EMBED], data: noise(EMBED * EMBED, 0.1) },
    { name: 'blk.0.attn_output.weight', dims: [EMBED, EMBED], data: new Float32Array(EMBED * EMBED) },
    { name: 'blk.0.ffn_norm.weight', dims: [EMBED], data: ones(EMBED) },
    { name: 'blk.0.ffn_gate.weight', dims: [EMBED, FEED_FORWARD], data: noise(EMBED * FEED_FORWARD, 0.1) },
    { name: 'blk.0.ffn_up.weight', dims: [EMBED, FEED_FORWARD], data: noise(EMBED * FEED_FORWARD, 0.1) },
    { name: 'blk.0.ffn_down.weight', dims: [FEED_FORWARD, EMBED], data: new Float32Array(FEED_FORWARD * EMBED) },
  ];

  const u32 = (value: number): GgufValue => ({ type: 'u32', value });
  const metadata: Record<string, GgufValue> = {
    'general.architecture': { type: 'string', value: 'llama' },
    'general.name': { type: 'string', value: 'aura-tiny-test' },
    'general.file_type': u32(0), // all F32
    'llama.context_length': u32(CONTEXT),
    'llama.embedding_length': u32(EMBED),
    'llama.block_count': u32(1),
    'llama.feed_forward_length': u32(FEED_FORWARD),
    'llama.attention.head_count': u32(HEADS),
    'llama.attention.head_count_kv': u32(HEADS),
    'llama.attention.layer_norm_rms_epsilon': { type: 'f32', value: 1e-5 },
    'llama.rope.dimension_count': u32(EMBED / HEADS),
    'llama.vocab_size': u32(size),
    'tokenizer.ggml.model': { type: 'string', value: 'llama' },
    'tokenizer.ggml.tokens': { type: 'strings', value: vocab.tokens },
    'tokenizer.ggml.scores': { type: 'f32s', value: vocab.scores },
    'tokenizer.ggml.token_type': { type: 'i32s', value: vocab.types },
    'tokenizer.ggml.unknown_token_id': u32(vocab.id('<unk>')),
    'tokenizer.ggml.bos_token_id': u32(vocab.id('<s>')),
    'tokenizer.ggml.eos_token_id': u32(vocab.id('</s>')),
    'tokenizer.ggml.add_bos_token': { type: 'bool', value: true },
    'tokenizer.ggml.add_eos_token': { type: 'bool', value: false },
    'tokenizer.chat_template': { type: 'string', value: CHATML_TEMPLATE },
  };
  return encodeGguf(metadata, tensors);
}

/** Writes the tiny model to `path` and returns its size in bytes. */
export function writeTinyModel(path: string, seed = 1): number {
  const bytes = buildTinyModel(seed);
  writeFileSync(path, bytes);
  return bytes.length;
}

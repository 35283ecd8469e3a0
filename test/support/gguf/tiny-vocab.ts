// A small SentencePiece-style ("llama") vocabulary: the special tokens, the 256 byte-fallback tokens
// llama.cpp expects of an SPM vocabulary (it looks up <0x0A> for new lines), one piece per printable
// ASCII character, and the few multi-character pieces the tiny model is built to say.

/** llama.cpp's token types (llama_token_type). */
const TokenType = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

/** The pieces the tiny model says, in order: see write-tiny-model.ts. */
export const SPOKEN = { hello: '▁hello', world: '▁world', call: '||call:' } as const;
/** The piece the tiny model repeats for ever once a turn ends with it. */
export const LOOP = '~';

/** The vocabulary as GGUF stores it (three parallel arrays), with a lookup by piece. */
export interface TinyVocab {
  tokens: string[];
  scores: number[];
  types: number[];
  id(piece: string): number;
}

/** Builds the vocabulary; ids are stable, which the crafted weights depend on. */
export function buildTinyVocab(): TinyVocab {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const add = (piece: string, type: number, score = 0) => {
    tokens.push(piece);
    scores.push(score);
    types.push(type);
  };

  add('<unk>', TokenType.unknown);
  add('<s>', TokenType.control);
  add('</s>', TokenType.control);
  // ChatML's turn markers, so the chat template below tokenizes to single control tokens.
  add('<|im_start|>', TokenType.control);
  add('<|im_end|>', TokenType.control);
  for (let byte = 0; byte < 256; byte++) add(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, TokenType.byte);
  add('▁', TokenType.normal, -1);
  for (let code = 0x21; code <= 0x7e; code++) add(String.fromCharCode(code), TokenType.normal, -1);
  for (const piece of Object.values(SPOKEN)) add(piece, TokenType.normal, -2);

  const ids = new Map(tokens.map((piece, index) => [piece, index]));
  return {
    tokens,
    scores,
    types,
    id(piece) {
      const found = ids.get(piece);
      if (found === undefined) throw new Error(`no token ${piece}`);
      return found;
    },
  };
}

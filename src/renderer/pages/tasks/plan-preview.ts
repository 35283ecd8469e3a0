const TITLE = /"title"\s*:\s*"((?:[^"\\]|\\.)*)("?)/g;

/**
 * The step titles of a plan the planner is still writing, read out of its partial JSON, so the plan
 * appears as it streams instead of as raw JSON. The last title may be cut short; escapes are decoded.
 */
export function planPreview(partialJson: string): string[] {
  const titles: string[] = [];
  for (const match of partialJson.matchAll(TITLE)) {
    const raw = match[1] ?? '';
    const closed = match[2] === '"';
    titles.push(decode(closed ? raw : raw.replace(/\\[^"]?$/, '')));
  }
  return titles.filter((title) => title.trim() !== '');
}

function decode(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    // A cut-off \u escape: show what is safe to show.
    return raw.replace(/\\u[0-9a-fA-F]{0,3}$/, '').replace(/\\(.)/g, '$1');
  }
}

/** Percentile of a sample (nearest-rank), in the sample's unit. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 3 : 1)} ms`;

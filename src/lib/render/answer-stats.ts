/**
 * The small line under an answer: how long it was, how soon it started and how fast it was written.
 * When the engine reused tokens it held from the answer before (a follow-up on the CPU engine), the
 * line says how many prompt tokens it actually read.
 */
import type { ChatMessageRecord } from '../storage/schema';

type Stats = NonNullable<ChatMessageRecord['stats']>;

const count = (n: number) => Math.round(n).toLocaleString('en-US');

export function statsLine(stats: Stats): string {
  const first = `first token ${count(stats.firstTokenMs)} ms`;
  const reused = stats.reusedTokens ?? 0;
  const read = stats.promptTokens !== undefined && reused > 0 ? ` (read ${count(Math.max(0, stats.promptTokens - reused))} new prompt tokens, ${count(reused)} kept from before)` : '';
  return `${count(stats.completionTokens)} tokens · ${first}${read} · ${stats.tokensPerSecond.toFixed(1)} tokens/s`;
}

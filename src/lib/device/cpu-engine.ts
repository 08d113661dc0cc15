/**
 * Which CPU engine runs a model: llama.cpp in WASM (wllama, GGUF) or transformers.js on ONNX Runtime
 * Web (ONNX), chosen from figures measured on both (cpu-engine-table.ts, from `npm run bench --
 * --suite llm`): the engine that brings a grounded answer sooner — its first token after a
 * 1,000-token prompt plus an answer's worth of tokens at its decode speed. The other engine's
 * record of the same model stays the fallback. Pure: the table and the catalog are arguments.
 */
import type { LlmModel } from '../catalog/types';

export type CpuEngine = 'wllama' | 'transformers';

export interface EngineFigures {
  engine: CpuEngine;
  /** The quantization measured (Q8_0, q4…), for the record. */
  quantization: string;
  /** Time to the first token after a 1,000-token prompt. */
  firstTokenMs: number;
  decodeTokensPerSecond: number;
}

export interface EngineTableRow {
  /** The model measured, as its `sourceUrl` in the catalog names it (both engines' records share it). */
  sourceUrl: string;
  threads: number;
  figures: EngineFigures[];
}

/** Tokens of a typical grounded answer (the CPU budget's answers run 100–300). */
export const ANSWER_TOKENS = 150;

/** Seconds to a whole answer of `ANSWER_TOKENS` after a 1,000-token prompt. */
export function answerSeconds(f: EngineFigures, answerTokens = ANSWER_TOKENS): number {
  return f.firstTokenMs / 1000 + (f.decodeTokensPerSecond > 0 ? answerTokens / f.decodeTokensPerSecond : Infinity);
}

/** The row measured for this model closest to the device's threads (fewer threads first on a tie), or null. */
export function rowFor(table: readonly EngineTableRow[], sourceUrl: string, threads: number): EngineTableRow | null {
  const rows = table.filter((r) => r.sourceUrl === sourceUrl);
  rows.sort((a, b) => Math.abs(a.threads - threads) - Math.abs(b.threads - threads) || a.threads - b.threads);
  return rows[0] ?? null;
}

/** The faster engine of a row, or null when it does not hold both. */
export function fasterEngine(row: EngineTableRow): CpuEngine | null {
  const wllama = row.figures.find((f) => f.engine === 'wllama');
  const onnx = row.figures.find((f) => f.engine === 'transformers');
  if (!wllama || !onnx) return null;
  return answerSeconds(onnx) < answerSeconds(wllama) ? 'transformers' : 'wllama';
}

export interface CpuEngineChoice {
  model: LlmModel;
  /** The same model on the other CPU engine, to load when this one fails. */
  fallback: LlmModel | null;
  /** The engine the measurements found faster (the reason says so); null when nothing was measured. */
  faster: CpuEngine | null;
}

/**
 * The record to run for `pick` (a CPU model the recommendation chose): its sibling on the other CPU
 * engine (same `sourceUrl`) when the table says that engine is faster with these threads.
 */
export function chooseCpuEngine(
  pick: LlmModel,
  candidates: readonly LlmModel[],
  table: readonly EngineTableRow[],
  threads: number,
): CpuEngineChoice {
  const sibling = candidates.find((m) => m.id !== pick.id && m.sourceUrl === pick.sourceUrl && m.engine !== pick.engine && m.engine !== 'webllm') ?? null;
  const row = rowFor(table, pick.sourceUrl, threads);
  const faster = row ? fasterEngine(row) : null;
  if (!sibling || !faster) return { model: pick, fallback: sibling, faster: null };
  const [model, fallback] = faster === pick.engine ? [pick, sibling] : [sibling, pick];
  return { model, fallback, faster };
}

/**
 * Why Hearth picked a model, as facts rather than sentences: a code and the values the sentence
 * needs. The recommendation code (recommend.ts, recommend-embedder.ts, recommend-built-in.ts,
 * models/choice.ts) builds these; models/reason-words.ts puts them into words in the reader's
 * language when they are shown.
 */
import type { CpuEngine } from './cpu-engine';

/** Why not the graphics chip: no WebGPU, only a software one, or no GPU model fits. */
export type NoGpu = 'no-webgpu' | 'software' | 'no-fit';

/** A published figure the sentence quotes: what it measures, by its name. */
export interface Figure {
  name: 'IFEval' | 'MMLU-Pro' | 'MMLU';
  value: number;
}

/** The strongest model that fits (the catalog ranks it), with the figure to quote if it has one. */
export interface Strength {
  figure: Figure | null;
}

/** The person's language (not English) and whether the pick supports it. */
export interface LanguageFit {
  language: string;
  supported: boolean;
}

export type LlmReason =
  | { code: 'gpu'; model: string; memoryGB: number | null; strength: Strength | null; f32: boolean; language: LanguageFit | null }
  | { code: 'cpu'; why: NoGpu; model: string; memoryGB: number | null; engine: CpuEngine | null; strength: Strength | null; language: LanguageFit | null }
  | { code: 'no-cpu-model'; why: NoGpu; model: string }
  | { code: 'built-in'; own: string; language: string | null }
  | { code: 'chosen' }
  | { code: 'gone'; chosenId: string; then: LlmReason }
  | { code: 'fallback'; from: string; to: string; error: { code: string; message: string } };

/** What decided the embedder's language: the browser's, the documents', or English all round. */
export type LanguageSource = { kind: 'browser'; language: string } | { kind: 'documents'; language: string; documents: number } | { kind: 'english' };

export type EmbedderReason =
  /** The catalog's default reads the language (`because` says which). */
  | { code: 'default'; model: string; because: LanguageSource }
  /** Another embedder reads it; the default does not (`englishOnly`: it lists no languages). */
  | { code: 'reads'; model: string; because: LanguageSource; other: string; englishOnly: boolean; language: string }
  /** One reads it but needs more memory than the device can spare: the default, by words. */
  | { code: 'too-big'; model: string; reader: string; readerMemoryMB: number; deviceMemoryGB: number | null; language: string }
  /** None reads it: the default, by words. */
  | { code: 'none'; model: string; language: string };

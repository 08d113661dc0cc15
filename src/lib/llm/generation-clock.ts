/**
 * Time to first token and decode speed, measured the same way for every engine: the LLM worker's
 * (web-llm, wllama) and the page's built-in one. Pure: only `performance.now()`.
 */
import type { GenerationStats } from '../../../workers/llm.protocol';

export class GenerationClock {
  readonly #start = performance.now();
  #first: number | null = null;
  #last: number | null = null;
  #tokens = 0;

  /** Call once per streamed piece of text. */
  token(): void {
    const now = performance.now();
    this.#first ??= now;
    this.#last = now;
    this.#tokens++;
  }

  get tokens(): number {
    return this.#tokens;
  }

  /** Stats for the result; engine-reported token counts win over our count of streamed pieces. */
  stats(promptTokens: number, completionTokens = this.#tokens): GenerationStats {
    const firstTokenMs = this.#first === null ? 0 : this.#first - this.#start;
    const decodeSeconds = this.#first !== null && this.#last !== null ? (this.#last - this.#first) / 1000 : 0;
    const tokensPerSecond = decodeSeconds > 0 && completionTokens > 1 ? (completionTokens - 1) / decodeSeconds : 0;
    return {
      promptTokens,
      completionTokens,
      firstTokenMs: round(firstTokenMs),
      tokensPerSecond: round(tokensPerSecond),
    };
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

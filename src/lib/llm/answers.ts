/**
 * The one `generate` call the chat makes (answers, follow-up rewrites), sent to whichever engine
 * holds the chosen model: the LLM worker, or the page's built-in engine (the browser's Prompt API).
 * Both take the same request and stream the same events, so the prompt path is one.
 */
import type { CallOptions } from '../rpc/client';
import type { GeneratePayload, GenerateResult, TokenEvent } from '../../../workers/llm.protocol';

export interface AnswerClient {
  call(type: 'generate', payload: GeneratePayload, options?: CallOptions<TokenEvent>): Promise<GenerateResult>;
}

/** @param onPage whether the chosen model runs on the page (asked at each call). */
export function routeAnswers(worker: AnswerClient, page: AnswerClient, onPage: () => boolean): AnswerClient {
  return { call: (type, payload, options) => (onPage() ? page : worker).call(type, payload, options) };
}

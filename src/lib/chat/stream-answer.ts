/**
 * The model's answer streamed into a message: tokens are buffered and flushed once per frame, so the
 * answer's Markdown is not rendered again on every token; at the end the full text and the speed
 * statistics replace what was streamed. Resolves with the prompt's length in the model's own tokens.
 */
import type { ChatMessage, LlmClient } from '../llm/client';
import type { ChatMessageRecord } from '../storage/schema';

export interface Sampling {
  maxTokens: number;
  temperature: number;
  topP: number;
}

export async function streamAnswer(
  llm: LlmClient,
  messages: ChatMessage[],
  sampling: Sampling,
  reply: Pick<ChatMessageRecord, 'content' | 'stats'>,
  signal: AbortSignal,
): Promise<{ promptTokens: number }> {
  let pending = '';
  let frame = 0;
  const flush = () => {
    frame = 0;
    reply.content += pending;
    pending = '';
  };
  const result = await llm.call(
    'generate',
    { messages, ...sampling },
    {
      signal,
      onEvent: (event) => {
        pending += event.text;
        frame ||= requestAnimationFrame(flush);
      },
    },
  ).finally(() => {
    if (frame) cancelAnimationFrame(frame);
    flush();
  });
  reply.content = result.text;
  const { firstTokenMs, tokensPerSecond, completionTokens, promptTokens, reusedTokens } = result.stats;
  reply.stats = { firstTokenMs, tokensPerSecond, completionTokens, promptTokens, ...(reusedTokens !== undefined ? { reusedTokens } : {}) };
  return { promptTokens: result.stats.promptTokens };
}

/**
 * The model's answer streamed into a message: tokens are buffered and flushed once per frame, so the
 * answer's Markdown is not rendered again on every token; at the end the full text and the speed
 * statistics replace what was streamed. Thinking blocks never reach the answer (reply-text.ts).
 * Resolves with the prompt's length in the model's own tokens.
 */
import type { AnswerClient } from '../llm/answers';
import type { ChatMessage } from '../llm/client';
import type { ChatMessageRecord } from '../storage/schema';
import { ReplyText } from './reply-text';

export interface Sampling {
  maxTokens: number;
  temperature: number;
  topP: number;
}

export async function streamAnswer(
  llm: AnswerClient,
  messages: ChatMessage[],
  sampling: Sampling,
  reply: Pick<ChatMessageRecord, 'content' | 'thinking' | 'stats'>,
  signal: AbortSignal,
): Promise<{ promptTokens: number; cacheCleared: boolean }> {
  const text = new ReplyText(reply);
  let pending = '';
  let frame = 0;
  const flush = () => {
    frame = 0;
    text.append(pending);
    pending = '';
  };
  try {
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
    text.finish(result.text);
    const { firstTokenMs, tokensPerSecond, completionTokens, promptTokens, reusedTokens } = result.stats;
    reply.stats = { firstTokenMs, tokensPerSecond, completionTokens, promptTokens, ...(reusedTokens !== undefined ? { reusedTokens } : {}) };
    return { promptTokens, cacheCleared: result.cacheCleared === true };
  } catch (error) {
    // Stopped or failed: what was streamed stays, with nothing held back as a cut tag.
    text.finish();
    throw error;
  }
}

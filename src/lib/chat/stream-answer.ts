/**
 * The model's answer streamed into a message: tokens are buffered and flushed once per frame, so the
 * answer's Markdown is not rendered again on every token; at the end the full text and the speed
 * statistics replace what was streamed.
 */
import type { AnswerClient } from '../llm/answers';
import type { ChatMessage } from '../llm/client';
import type { ChatMessageRecord } from '../storage/schema';

export interface Sampling {
  maxTokens: number;
  temperature: number;
  topP: number;
}

export async function streamAnswer(
  llm: AnswerClient,
  messages: ChatMessage[],
  sampling: Sampling,
  reply: Pick<ChatMessageRecord, 'content' | 'stats'>,
  signal: AbortSignal,
): Promise<void> {
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
  reply.stats = { firstTokenMs: result.stats.firstTokenMs, tokensPerSecond: result.stats.tokensPerSecond, completionTokens: result.stats.completionTokens };
}

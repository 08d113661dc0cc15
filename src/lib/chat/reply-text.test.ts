import { describe, expect, it } from 'vitest';
import { isDontKnow } from './dont-know';
import { earlierTurns } from './history';
import { ReplyText, type ReplyFields } from './reply-text';
import type { ChatMessageRecord } from '../storage/schema';

describe('ReplyText', () => {
  it('fills the message with the answer only, from the first streamed piece to the final text', () => {
    const reply: ReplyFields = { content: '' };
    const text = new ReplyText(reply);
    // web-llm with thinking off: its first piece is the empty block from the prompt, then the answer.
    const pieces = ['<think>\n\n</think>\n\n', 'The', ' tide', ' is logged', ' at dawn [1].'];
    const seen: string[] = [];
    for (const piece of pieces) {
      text.append(piece);
      seen.push(reply.content);
      expect(reply.thinking).toBeUndefined();
    }
    expect(seen).toEqual(['', 'The', 'The tide', 'The tide is logged', 'The tide is logged at dawn [1].']);
    text.finish(pieces.join(''));
    expect(reply).toEqual({ content: 'The tide is logged at dawn [1].' });
  });

  it('keeps thinking in its own field while it streams, and the answer empty until it starts', () => {
    const reply: ReplyFields = { content: '' };
    const text = new ReplyText(reply);
    text.append('<think>\nThe user wants');
    expect(reply).toEqual({ content: '', thinking: 'The user wants' });
    text.append(' the tide times.\n</thi');
    expect(reply).toEqual({ content: '', thinking: 'The user wants the tide times.' });
    text.append('nk>\n\nAt dawn [1].');
    expect(reply).toEqual({ content: 'At dawn [1].', thinking: 'The user wants the tide times.' });
  });

  it('ends a stopped stream with what was written, nothing held back', () => {
    const reply: ReplyFields = { content: '' };
    const text = new ReplyText(reply);
    text.append('Dawn <');
    expect(reply.content).toBe('Dawn ');
    text.finish();
    expect(reply.content).toBe('Dawn <');
  });

  it('gives the don’t-know check and the next question’s history the answer alone', () => {
    const reply: ChatMessageRecord = { role: 'assistant', kind: 'answer', status: 'done', content: '' };
    new ReplyText(reply).finish("<think>\nNothing about tides in [1] or [2].\n</think>\n\nI don't know. The documents don't say.");
    expect(isDontKnow(reply.content)).toBe(true);
    const turns = earlierTurns([{ role: 'user', content: 'When is the tide logged?' }, reply]);
    expect(turns).toEqual([{ question: 'When is the tide logged?', answer: "I don't know. The documents don't say." }]);
  });
});

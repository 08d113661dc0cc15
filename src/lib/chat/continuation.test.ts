import { describe, expect, it } from 'vitest';
import type { SourceRef } from '../storage/schema';
import { continuePrompt, SentPrompts, sentPrompt } from './continuation';

function source(chunkId: string, n: number, text = `text of ${chunkId}`, docId = 'doc'): SourceRef {
  return { n, chunkId, docId, docName: `${docId}.txt`, text, start: 0, end: text.length };
}
const title = (s: SourceRef) => s.docName;
const FIRST_MESSAGES = [
  { role: 'system' as const, content: 'rules' },
  { role: 'user' as const, content: 'Contexts:\n\n[1] (doc.txt) text of a\n\n[2] (doc.txt) text of b\n\nQuestion: q1' },
];
const base = sentPrompt(FIRST_MESSAGES, 'q1', 'Answer one [1].', 'm', [source('a', 1), source('b', 2)]);
const WIDE = { maxPromptChars: 10_000, maxNewChars: 4000 };

describe('continuePrompt', () => {
  it('sends the previous prompt and answer word for word, then only the new passages, numbered after the old', () => {
    const next = continuePrompt(base, 'and q2?', [source('b', 1), source('c', 2), source('a', 3)], title, WIDE);
    expect(next?.messages.slice(0, 2)).toEqual(FIRST_MESSAGES);
    expect(next?.messages[2]).toEqual({ role: 'assistant', content: 'Answer one [1].' });
    expect(next?.messages[3]).toEqual({ role: 'user', content: 'More contexts:\n\n[3] (doc.txt) text of c\n\nQuestion: and q2?' });
    // Passages the prompt already had keep their numbers; every cited number is in the prompt.
    expect(next?.sources.map((s) => [s.chunkId, s.n])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('asks only the question when every passage is in the prompt already', () => {
    const next = continuePrompt(base, 'q2', [source('a', 1)], title, WIDE);
    expect(next?.messages.at(-1)).toEqual({ role: 'user', content: 'Question: q2' });
    expect(next?.sources.map((s) => s.n)).toEqual([1]);
  });

  it('leaves out new passages beyond the room, and gives up when the best one does not fit', () => {
    const long = 'x'.repeat(300);
    const fits = continuePrompt(base, 'q2', [source('c', 1, 'short'), source('d', 2, long)], title, { maxPromptChars: 10_000, maxNewChars: 100 });
    expect(fits?.sources.map((s) => s.chunkId)).toEqual(['c']);
    expect(continuePrompt(base, 'q2', [source('d', 1, long)], title, { maxPromptChars: 10_000, maxNewChars: 100 })).toBeNull();
    // The window: what is already there counts.
    expect(continuePrompt(base, 'q2', [source('c', 1, 'short')], title, { maxPromptChars: 140, maxNewChars: 4000 })).toBeNull();
  });

  it('numbers on from every earlier prompt of the chain', () => {
    const second = continuePrompt(base, 'q2', [source('c', 1)], title, WIDE)!;
    const sent2 = sentPrompt(second.messages, 'q2', 'Two [3].', 'm', second.sources, base);
    const third = continuePrompt(sent2, 'q3', [source('d', 1), source('a', 2)], title, WIDE);
    expect(third?.sources.map((s) => [s.chunkId, s.n])).toEqual([
      ['a', 1],
      ['d', 4],
    ]);
    expect(third?.messages).toHaveLength(6);
  });
});

describe('SentPrompts', () => {
  it('finds a prompt only while its question, answer and model are unchanged', () => {
    const sent = new SentPrompts();
    sent.remember('c1', 1, base);
    expect(sent.find('c1', 1, 'q1', 'Answer one [1].', 'm')).toBe(base);
    expect(sent.find('c1', 1, 'q1 edited', 'Answer one [1].', 'm')).toBeNull();
    expect(sent.find('c1', 1, 'q1', 'Regenerated.', 'm')).toBeNull();
    expect(sent.find('c1', 1, 'q1', 'Answer one [1].', 'other-model')).toBeNull();
    expect(sent.find('c2', 1, 'q1', 'Answer one [1].', 'm')).toBeNull();
  });

  it('forgets prompts that carried a deleted document, and keeps only the newest few', () => {
    const sent = new SentPrompts();
    sent.remember('c1', 1, base);
    sent.forgetDocument('doc');
    expect(sent.find('c1', 1, 'q1', 'Answer one [1].', 'm')).toBeNull();
    for (let i = 0; i <= SentPrompts.KEEP; i++) sent.remember('c', i, base);
    expect(sent.find('c', 0, 'q1', 'Answer one [1].', 'm')).toBeNull();
    expect(sent.find('c', SentPrompts.KEEP, 'q1', 'Answer one [1].', 'm')).toBe(base);
  });
});

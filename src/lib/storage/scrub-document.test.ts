import { describe, expect, it } from 'vitest';
import { keepDeletions, scrubConversation, scrubInPlace, scrubMessage } from './scrub-document';
import type { ChatMessageRecord, ConversationRecord, SourceRef } from './schema';

const SECRET = 'Quenthalorix';

const source = (n: number, docId: string, extra: Partial<SourceRef> = {}): SourceRef => ({
  n,
  chunkId: `${docId}:${n}`,
  docId,
  docName: `${docId}.md`,
  text: `${docId} passage ${n}: ${docId === 'gone' ? SECRET : 'kept'} text.`,
  start: 120 * n,
  end: 120 * n + 40,
  ...extra,
});

const answer: ChatMessageRecord = {
  role: 'assistant',
  kind: 'answer',
  status: 'done',
  content: 'The keeper logs the tide [1] and bakes bread [2].',
  sources: [source(1, 'gone', { page: 3, pageEnd: 4, headingPath: [`${SECRET} log`] }), source(2, 'kept', { headingPath: ['Bread'] })],
};

const quick: ChatMessageRecord = {
  role: 'assistant',
  kind: 'extracts',
  status: 'done',
  content: '',
  extracts: [
    { n: 1, text: `${SECRET} writes the tide down.` },
    { n: 2, text: 'Feed the starter every day.' },
  ],
  sources: [source(1, 'gone'), source(2, 'kept')],
};

const record: ConversationRecord = {
  id: 'c1',
  title: 'What does the keeper do?',
  updatedAt: 1,
  messages: [{ role: 'user', content: 'What does the keeper do?' }, answer, { role: 'user', content: 'Quickly?' }, quick],
};

const GONE = new Set(['gone']);

describe('scrubConversation', () => {
  const scrubbed = scrubConversation(record, GONE);

  it('leaves no trace of the deleted document’s text anywhere in the record', () => {
    expect(scrubbed).not.toBeNull();
    expect(JSON.stringify(scrubbed)).not.toContain(SECRET);
    expect(JSON.stringify(record)).toContain(SECRET); // the input is not changed
  });

  it('keeps each citation of the deleted document as a numbered, named "deleted" source', () => {
    const [first, second] = scrubbed?.messages[1]?.sources ?? [];
    expect(first).toEqual({ n: 1, chunkId: 'gone:1', docId: 'gone', docName: 'gone.md', text: '', start: 0, end: 0, deleted: true });
    expect(second).toEqual(answer.sources?.[1]); // the other document's source is untouched
  });

  it('turns quoted sentences of the deleted document into marks and keeps the others', () => {
    expect(scrubbed?.messages[3]?.extracts).toEqual([
      { n: 1, text: '', deleted: true },
      { n: 2, text: 'Feed the starter every day.' },
    ]);
  });

  it('keeps the questions, the answer text and the title', () => {
    expect(scrubbed?.title).toBe(record.title);
    expect(scrubbed?.messages.map((m) => m.content)).toEqual(record.messages.map((m) => m.content));
  });

  it('returns null when nothing changes: another document, or a record scrubbed already', () => {
    expect(scrubConversation(record, new Set(['elsewhere']))).toBeNull();
    expect(scrubbed && scrubConversation(scrubbed, GONE)).toBeNull();
  });

  it('scrubs a source marked deleted that still holds text (a mark alone is not trusted)', () => {
    const marked = { ...record, messages: [{ ...answer, sources: [{ ...source(1, 'gone'), deleted: true as const }] }] };
    expect(JSON.stringify(scrubConversation(marked, GONE))).not.toContain(SECRET);
  });
});

describe('scrubMessage', () => {
  it('leaves a message without sources alone', () => {
    const question: ChatMessageRecord = { role: 'user', content: SECRET };
    expect(scrubMessage(question, GONE)).toBeNull();
  });

  it('adds no extracts to a message that had none', () => {
    expect(scrubMessage(answer, GONE)).not.toHaveProperty('extracts');
  });
});

describe('keepDeletions', () => {
  it('scrubs a copy read before the delete when the stored conversation marks the document deleted', () => {
    const stored = scrubConversation(record, GONE) ?? record;
    const later = { ...record, updatedAt: 2, messages: [...record.messages, { role: 'user' as const, content: 'One more?' }] };
    const saved = keepDeletions(later, stored);
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    expect(saved.messages).toHaveLength(5); // what the copy adds is kept
    expect(saved.messages[1]?.sources?.[1]).toEqual(answer.sources?.[1]);
  });

  it('stores the copy as it is when nothing stored was deleted (or nothing is stored yet)', () => {
    expect(keepDeletions(record, record)).toBe(record);
    expect(keepDeletions(record, undefined)).toBe(record);
  });
});

describe('scrubInPlace', () => {
  it('changes the same message objects (an answer being written keeps its reference) and counts them', () => {
    const messages = structuredClone(record.messages);
    const [, liveAnswer, , liveQuick] = messages;
    expect(scrubInPlace(messages, GONE)).toBe(2);
    expect(messages[1]).toBe(liveAnswer);
    expect(messages[3]).toBe(liveQuick);
    expect(JSON.stringify(messages)).not.toContain(SECRET);
    expect(scrubInPlace(messages, GONE)).toBe(0);
  });
});

describe('a reasoning model’s thinking', () => {
  const thinker: ChatMessageRecord = { ...answer, thinking: `Passage 1 says ${SECRET} logs the tide.` };

  it('is dropped from a message that cites the deleted document, and kept otherwise', () => {
    const scrubbed = scrubMessage(thinker, GONE);
    expect(scrubbed?.thinking).toBeUndefined();
    expect(JSON.stringify(scrubbed)).not.toContain(SECRET);
    expect(scrubMessage(thinker, new Set(['other']))).toBeNull();
  });

  it('goes from the message in memory too, and a second pass changes nothing', () => {
    const live = structuredClone(thinker);
    expect(scrubInPlace([live], GONE)).toBe(1);
    expect(live.thinking).toBeUndefined();
    expect(scrubInPlace([live], GONE)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { LiveMessage } from '../state/chat.svelte';
import type { SourceRef } from '../storage/schema';
import { wordsFor } from '../i18n/all-catalogs';
import { announcement as announce, assistantView, copyText as copy } from './message-text';

const en = wordsFor('en');
const copyText = (m: Parameters<typeof copy>[1]) => copy(en, m);
const announcement = (m: Parameters<typeof announce>[1]) => announce(en, m);
const QUICK_ANSWER_LABEL = 'Quick answer — sentences quoted from your documents, no model used';
const NOT_FOUND_TEXT = "Your documents don't seem to answer this.";
const DONT_KNOW_TEXT = "The documents don't say.";

const source = (n: number, extra: Partial<SourceRef> = {}): SourceRef => ({ n, chunkId: `c${n}`, docId: 'd', docName: `doc${n}.pdf`, text: `passage ${n}`, start: 0, end: 9, ...extra });

describe('assistantView', () => {
  it('tells an answer, a quick answer, a not-found and a don’t-know apart', () => {
    expect(assistantView({ content: 'Yes [1].' })).toBe('answer');
    expect(assistantView({ content: 'Yes [1].', kind: 'answer' })).toBe('answer');
    expect(assistantView({ content: '', kind: 'extracts', extracts: [{ n: 1, text: 'A.' }] })).toBe('extracts');
    expect(assistantView({ content: '', extracts: [{ n: 1, text: 'A.' }] })).toBe('extracts'); // while the model loads
    expect(assistantView({ content: 'Now the model writes', extracts: [{ n: 1, text: 'A.' }] })).toBe('answer');
    expect(assistantView({ content: '', kind: 'not-found' })).toBe('not-found');
    expect(assistantView({ content: "I don't know. The documents don't say.", dontKnow: true })).toBe('dont-know');
    expect(assistantView({ content: '' })).toBe('none');
  });
});

describe('copyText', () => {
  it('is the answer with each passage it was given, numbered like its citations', () => {
    const message: LiveMessage = {
      role: 'assistant',
      content: 'Leave is **25 days** [1][2].',
      sources: [source(1, { page: 4, headingPath: ['Leave', 'Annual'] }), source(2, { page: 2, pageEnd: 3 })],
      status: 'done',
    };
    expect(copyText(message)).toBe('Leave is **25 days** [1][2].\n\nSources:\n[1] doc1.pdf · page 4 · Leave › Annual\n[2] doc2.pdf · pages 2–3');
  });

  it('labels quick answers and not-found answers as what they are', () => {
    expect(copyText({ role: 'assistant', content: '', kind: 'extracts', extracts: [{ n: 1, text: 'Bees fly.' }], sources: [source(1)] })).toBe(
      `${QUICK_ANSWER_LABEL}:\n“Bees fly.” [1]\n\nSources:\n[1] doc1.pdf`,
    );
    expect(copyText({ role: 'assistant', content: '', kind: 'not-found', sources: [source(1)] })).toBe(`${NOT_FOUND_TEXT}\n\nClosest passages:\n[1] doc1.pdf`);
    expect(copyText({ role: 'assistant', content: "I don't know.", dontKnow: true })).toBe(DONT_KNOW_TEXT);
  });
});

describe('copyText of a conversation whose document was deleted', () => {
  it('names the deleted passages and sentences "document deleted", with nothing of their text', () => {
    const gone = source(1, { text: '', start: 0, end: 0, page: undefined, deleted: true });
    expect(copyText({ role: 'assistant', content: 'Tides [1], bread [2].', sources: [gone, source(2)], status: 'done' })).toBe(
      'Tides [1], bread [2].\n\nSources:\n[1] document deleted\n[2] doc2.pdf',
    );
    const quick: LiveMessage = { role: 'assistant', content: '', kind: 'extracts', extracts: [{ n: 1, text: '', deleted: true }, { n: 2, text: 'Bread rises.' }], sources: [gone, source(2)] };
    expect(copyText(quick)).toBe(`${QUICK_ANSWER_LABEL}:\n[1] document deleted\n“Bread rises.” [2]\n\nSources:\n[1] document deleted\n[2] doc2.pdf`);
  });
});

describe('announcement', () => {
  it('says the status while the answer is written, never its words, then the finished answer', () => {
    const message: LiveMessage = { role: 'assistant', content: 'Half an ans', status: 'streaming' };
    expect(announcement({ ...message, status: 'retrieving', content: '' })).toBe('Searching your documents…');
    expect(announcement({ ...message, status: 'loading', content: '' })).toBe('Loading the model…');
    expect(announcement(message)).toBe('Writing the answer…');
    expect(announcement({ ...message, content: 'It is **25 days** [1].', status: 'done', sources: [source(1)] })).toBe('It is 25 days [1].\n1 source below.');
    expect(announcement({ ...message, status: 'error', error: { code: 'X', message: 'The model crashed.' } })).toBe('The answer failed: The model crashed.');
  });
});

describe('in another language', () => {
  it('copies and announces in German: labels, pages, deleted documents and the count of sources', () => {
    const de = wordsFor('de');
    const message: LiveMessage = { role: 'assistant', content: 'Es sind 25 Tage [1][2].', status: 'done', sources: [source(1, { page: 4 }), source(2, { deleted: true })] };
    expect(copy(de, message)).toBe('Es sind 25 Tage [1][2].\n\nQuellen:\n[1] doc1.pdf · Seite 4\n[2] Dokument gelöscht');
    expect(announce(de, message)).toBe('Es sind 25 Tage [1][2].\n2 Quellen unten.');
    expect(announce(de, { role: 'assistant', content: '', kind: 'not-found', status: 'done' })).toBe('Ihre Dokumente scheinen darauf keine Antwort zu geben.');
  });
});

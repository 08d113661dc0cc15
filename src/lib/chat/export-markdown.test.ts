import { describe, expect, it } from 'vitest';
import { conversationFile, conversationMarkdown, markdownFileName } from './export-markdown';
import type { ConversationRecord, SourceRef } from '../storage/schema';

const source = (n: number, extra: Partial<SourceRef> = {}): SourceRef => ({
  n,
  chunkId: `c${n}`,
  docId: 'd1',
  docName: 'report.pdf',
  text: `Passage ${n} line one.\nPassage ${n} line two.`,
  start: 0,
  end: 40,
  ...extra,
});

const record: ConversationRecord = {
  id: 'c1',
  title: 'Harvest questions',
  updatedAt: Date.UTC(2026, 4, 1, 14, 3),
  messages: [
    { role: 'user', content: 'When is honey harvested?' },
    {
      role: 'assistant',
      content: 'In late summer [1], after the main flow [2].',
      status: 'done',
      kind: 'answer',
      sources: [source(1, { page: 4, headingPath: ['Seasons', 'Summer'] }), source(2, { docName: 'notes.md', page: undefined })],
    },
    { role: 'user', content: 'And in spring?' },
    { role: 'assistant', content: 'Rarely', status: 'stopped', sources: [source(1, { page: 2, pageEnd: 3 })] },
  ],
};

describe('conversationMarkdown', () => {
  const md = conversationMarkdown(record);

  it('starts with the title and says what it is', () => {
    expect(md.startsWith('# Harvest questions\n\n*Exported from Hearth · 2 questions · last updated 2026-05-01 14:03 UTC*')).toBe(true);
    expect(md.endsWith('\n')).toBe(true);
  });

  it('has every question and answer, in order', () => {
    const order = ['## Question 1', 'When is honey harvested?', '### Answer', 'In late summer [1], after the main flow [2].', '## Question 2', 'And in spring?', 'Rarely', '*Stopped before the end.*'];
    let at = -1;
    for (const part of order) {
      const next = md.indexOf(part, at + 1);
      expect(next, part).toBeGreaterThan(at);
      at = next;
    }
  });

  it('lists the sources under each answer with document, page, section and the passage quoted', () => {
    expect(md).toContain('#### Sources\n\n[1] report.pdf, page 4, Summer\n\n> Passage 1 line one.\n> Passage 1 line two.');
    expect(md).toContain('[2] notes.md\n\n> Passage 2 line one.');
    expect(md).toContain('[1] report.pdf, pages 2–3\n\n> Passage 1');
    expect(md.match(/#### Sources/g)).toHaveLength(2);
  });

  it('escapes line starts that would change the structure', () => {
    const tricky: ConversationRecord = {
      ...record,
      messages: [
        { role: 'user', content: '# not a heading\n> not a quote\n---' },
        { role: 'assistant', content: 'ok', sources: [source(1, { text: '## Heading in the document\n\nbody' })] },
      ],
    };
    const out = conversationMarkdown(tricky);
    expect(out).toContain('\\# not a heading\n\\> not a quote\n\\---');
    expect(out).toContain('> \\## Heading in the document\n>\n> body');
  });

  it('writes quick answers as quotes and not-found answers with their closest passages', () => {
    const out = conversationMarkdown({
      ...record,
      messages: [
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: '', kind: 'extracts', extracts: [{ n: 2, text: 'A quoted sentence.' }], sources: [source(2)] },
        { role: 'user', content: 'q2' },
        { role: 'assistant', content: '', kind: 'not-found', status: 'done', sources: [source(1)] },
        { role: 'user', content: 'q3' },
        { role: 'assistant', content: '', status: 'error', error: { code: 'GENERATION_FAILED', message: 'The answer could not be generated.' } },
      ],
    });
    expect(out).toContain('### Quick answer (sentences quoted from the documents, no model)\n\n> A quoted sentence. [2]');
    expect(out).toContain('*The documents do not seem to answer this question.*\n\n#### Closest passages\n\n[1] report.pdf');
    expect(out).toContain('*No answer: The answer could not be generated.*');
  });
});

describe('conversationMarkdown after a document was deleted', () => {
  it('names its passages and quoted sentences "[n] document deleted" and quotes only the others', () => {
    const gone: SourceRef = { n: 1, chunkId: 'd1:0', docId: 'd1', docName: 'report.pdf', text: '', start: 0, end: 0, deleted: true };
    const kept = source(2, { docId: 'd2', docName: 'notes.md' });
    const out = conversationMarkdown({
      ...record,
      messages: [
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: 'Summer [1], flow [2].', status: 'done', sources: [gone, kept] },
        { role: 'user', content: 'q2' },
        { role: 'assistant', content: '', kind: 'extracts', extracts: [{ n: 1, text: '', deleted: true }, { n: 2, text: 'A kept sentence.' }], sources: [gone, kept] },
      ],
    });
    expect(out).toContain('#### Sources\n\n*[1] document deleted*\n\n[2] notes.md\n\n> Passage 2 line one.');
    expect(out).toContain('### Quick answer (sentences quoted from the documents, no model)\n\n*[1] document deleted*\n\n> A kept sentence. [2]');
    expect(out).not.toContain('report.pdf'); // "[n] document deleted" only
    expect(out).not.toMatch(/^> *$/m); // no empty quote where the passage was
  });
});

describe('markdownFileName', () => {
  it('is a lowercase slug of the title without accents', () => {
    expect(markdownFileName('Crème brûlée: how long?')).toBe('creme-brulee-how-long.md');
    expect(markdownFileName('  ?? ')).toBe('conversation.md');
    expect(markdownFileName('x'.repeat(100))).toBe(`${'x'.repeat(60)}.md`);
  });
});

describe('conversationFile', () => {
  it('is a Markdown file named after the title', async () => {
    const file = conversationFile(record);
    expect(file.name).toBe('harvest-questions.md');
    expect(file.type).toBe('text/markdown');
    expect(await file.text()).toBe(conversationMarkdown(record));
  });
});

import { describe, expect, it } from 'vitest';
import { DocumentBuilder } from '../ingest/builder';
import { chunkBlocks } from './chunk-blocks';

const sentence = (i: number) => `Sentence number ${i} says something about the topic at hand in plain words. `;
const para = (from: number, n: number) => Array.from({ length: n }, (_, i) => sentence(from + i)).join('').trim();

describe('chunkBlocks', () => {
  it('never lets a chunk cross a page boundary between separate paragraphs', () => {
    const b = new DocumentBuilder();
    b.paragraph(para(0, 8), 1);
    b.paragraph(para(100, 8), 2);
    b.paragraph(para(200, 8), 3);
    const doc = b.build({ format: 'pdf', mimeType: 'application/pdf' });
    const chunks = chunkBlocks(doc.text, doc.blocks, { targetChars: 400 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.page).toBe(c.pageEnd);
      expect(doc.text.slice(c.start, c.end)).toBe(c.text);
    }
    expect(new Set(chunks.map((c) => c.page))).toEqual(new Set([1, 2, 3]));
  });

  it('lets one paragraph that runs on across a page break stay in one chunk, with its page range', () => {
    const b = new DocumentBuilder();
    b.paragraph('The committee met on Tuesday and decided that the new budget would be presented to the', 4);
    b.paragraph('board in the spring, after the audit of the previous year had been completed.', 5);
    const doc = b.build({ format: 'pdf', mimeType: 'application/pdf' });
    const chunks = chunkBlocks(doc.text, doc.blocks, { targetChars: 1000 });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ page: 4, pageEnd: 5 });
  });

  it('starts a chunk at each heading and records the heading path', () => {
    const b = new DocumentBuilder();
    b.heading('Annual report', 1);
    b.heading('Revenue', 2);
    b.paragraph(para(0, 6));
    b.heading('Costs', 2);
    b.paragraph(para(50, 6));
    const doc = b.build({ format: 'docx', mimeType: 'x' });
    const chunks = chunkBlocks(doc.text, doc.blocks, { targetChars: 2000 });
    expect(chunks.map((c) => c.headingPath)).toEqual([
      ['Annual report'],
      ['Annual report', 'Costs'],
    ]);
    expect(chunks[0]?.text.startsWith('Annual report\n\nRevenue')).toBe(true);
    expect(chunks[1]?.text.startsWith('Costs')).toBe(true);
  });

  it('merges a tiny tail into the chunk before it instead of leaving a one-word chunk', () => {
    const b = new DocumentBuilder();
    b.paragraph(`${para(0, 5)} End.`);
    const doc = b.build({ format: 'text', mimeType: 'text/plain' });
    const chunks = chunkBlocks(doc.text, doc.blocks, { targetChars: 380, overlapChars: 0 });
    expect(chunks.every((c) => c.text.length >= 76)).toBe(true);
    expect(chunks[chunks.length - 1]?.text.endsWith('End.')).toBe(true);
  });

  it('cuts a chunk again until it fits the embedder’s token limit', () => {
    const b = new DocumentBuilder();
    // Characters that a tokenizer reads one token each (like CJK text): 1,000 characters = 1,000 tokens.
    b.paragraph('字'.repeat(300) + '。' + '語'.repeat(300) + '。' + '文'.repeat(398) + '。');
    const doc = b.build({ format: 'text', mimeType: 'text/plain' });
    const countTokens = (t: string) => t.length + 2;
    const chunks = chunkBlocks(doc.text, doc.blocks, { targetChars: 1000, maxTokens: 256, countTokens });
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    for (const c of chunks) expect(countTokens(c.text)).toBeLessThanOrEqual(256);
    // Nothing is lost: the chunks cover the whole text.
    expect(chunks[0]?.start).toBe(0);
    expect(chunks[chunks.length - 1]?.end).toBe(doc.text.length);
  });
});

describe('chunkBlocks page ranges', () => {
  it('gives a chunk of a paragraph merged across a page break both of its pages', () => {
    const b = new DocumentBuilder();
    b.paragraph('A short opening paragraph on the seventh page of the report.', 7);
    b.paragraph('The committee decided that the budget would be presented to the board in the spring.', 7, 8);
    const doc = b.build({ format: 'pdf', mimeType: 'application/pdf' });
    expect(doc.blocks[1]).toMatchObject({ page: 7, pageEnd: 8 });
    expect(chunkBlocks(doc.text, doc.blocks)).toMatchObject([{ page: 7, pageEnd: 8 }]);
  });
});

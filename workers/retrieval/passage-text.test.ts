import { describe, expect, it } from 'vitest';
import { chunkBlocks } from '../../src/lib/core/chunk-blocks';
import type { DocumentStore } from '../../src/lib/storage/document-store';
import type { ChunkRecord, DocumentRecord } from '../../src/lib/storage/schema';
import { markdownParser } from '../parsers/text';
import type { OriginalStore } from './originals';
import { inferBlocks, passageText, windowText } from './passage-text';

const MARKDOWN = `# Keeping bees

A honey bee colony has one queen, thousands of female workers and a few hundred drones in summer.
The queen lays up to two thousand eggs a day during the spring build-up.

## Harvest

Beekeepers harvest honey in late summer, leaving at least twenty kilograms of stores for winter.
Frames are uncapped with a hot knife and spun in an extractor.

- a smoker
- a hive tool

## Winter

The cluster keeps warm by shivering; the keeper checks the weight of the hive in January.
`;

const bytes = new TextEncoder().encode(MARKDOWN);

/** A stored bees.md (under its own id: the worker keeps structures it read by document id). */
async function library(hasOriginal: boolean, id = hasOriginal ? 'kept' : 'not-kept') {
  const parsed = await markdownParser.parse(bytes, { name: 'bees.md', signal: new AbortController().signal, onProgress: () => undefined });
  const placed = chunkBlocks(parsed.text, parsed.blocks, { targetChars: 160, overlapChars: 20, minChars: 10 });
  const chunks = placed.map((p) => ({ id: `${id}:${p.index}`, docId: id, index: p.index, text: p.text, start: p.start, end: p.end, headingPath: p.headingPath }) as unknown as ChunkRecord);
  const doc = { id, name: 'bees.md', mimeType: 'text/markdown', format: 'markdown', textLength: parsed.text.length, sizeBytes: bytes.byteLength, hasOriginal } as DocumentRecord;
  const documents = { chunksOf: async () => chunks, get: async () => doc } as unknown as DocumentStore;
  const originals = { get: async () => (hasOriginal ? bytes : null) } as unknown as OriginalStore;
  return { id, text: parsed.text, chunks, deps: { documents, originals } };
}

describe('passageText', () => {
  it('gives the text around the passage, contiguous with it, and the blocks read again from the original', async () => {
    const { id, text, chunks, deps } = await library(true);
    const cited = chunks.find((c) => c.text.includes('Beekeepers harvest'))!;
    const result = await passageText({ docId: id, start: cited.start, end: cited.end }, deps);
    const from = cited.start - result.before.length;
    expect(result.before + cited.text + result.after).toBe(text.slice(from, cited.end + result.after.length));
    expect(result.format).toBe('markdown');
    const headings = result.blocks.filter((b) => b.kind === 'heading').map((b) => [text.slice(b.start, b.end), b.level]);
    expect(headings).toContainEqual(['Harvest', 2]);
    expect(result.blocks.some((b) => b.kind === 'list')).toBe(true);
  });

  it('infers the blocks from the chunks when the original is not kept', async () => {
    const { id, text, chunks, deps } = await library(false);
    const cited = chunks.find((c) => c.text.includes('Beekeepers harvest'))!;
    const result = await passageText({ docId: id, start: cited.start, end: cited.end }, deps);
    const kinds = result.blocks.map((b) => [b.kind, text.slice(b.start, b.end).slice(0, 12), b.level]);
    expect(kinds).toContainEqual(['heading', 'Harvest', 2]);
    expect(kinds).toContainEqual(['list', '- a smoker\n-', undefined]);
  });
});

describe('windowText', () => {
  it('puts back the blank line chunks leave out between sections, and clips to what they cover', () => {
    const chunks = [
      { start: 0, end: 5, text: 'Alpha' },
      { start: 7, end: 15, text: 'Beta one' },
      { start: 12, end: 20, text: 'one two.' },
    ];
    expect(windowText(chunks, 0, 100)).toEqual({ text: 'Alpha\n\nBeta one two.', from: 0 });
    expect(windowText(chunks, 3, 13)).toEqual({ text: 'ha\n\nBeta o', from: 3 });
    expect(windowText([], 3, 13)).toEqual({ text: '', from: 3 });
  });
});

describe('inferBlocks', () => {
  it('parts at blank lines and knows headings by the chunks’ heading paths', () => {
    const text = 'Tides\n\nThe spring tide rises.\nNeap tides rise less.\n\n1. high water\n2. low water\n\nTool | Use\nflag | storm';
    const blocks = inferBlocks(text, 100, [['Harbour', 'Tides']]);
    expect(blocks.map((b) => [b.kind, b.level, text.slice(b.start - 100, b.end - 100).split('\n')[0]])).toEqual([
      ['heading', 2, 'Tides'],
      ['paragraph', undefined, 'The spring tide rises.'],
      ['list', undefined, '1. high water'],
      ['table', undefined, 'Tool | Use'],
    ]);
  });
});

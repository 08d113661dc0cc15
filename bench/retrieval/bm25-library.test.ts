import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PassageEmbedder } from '../../workers/retrieval/ingest';
import { buildBm25Library } from './bm25-library';
import { loadSquadLibrary } from './squad-library';

// Sizing by words stands in for a tokenizer; no vectors, as in the suite.
const WORDS: PassageEmbedder = {
  model: { id: 'words', dimensions: 0 } as PassageEmbedder['model'],
  maxTokens: 512,
  countTokens: (t) => t.split(/\s+/).length,
  embed: async (texts) => texts.map(() => new Float32Array(0)),
};

const dir = mkdtempSync(join(tmpdir(), 'hearth-squad-lib-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeSquad(): void {
  const paragraphs = Array.from({ length: 12 }, (_, i) => ({
    _id: `${i < 11 ? 0 : 1}-${i}`,
    title: i < 11 ? 'Volcanoes' : 'Rivers',
    text: i === 11 ? 'The Amazon river carries more water than any other river on Earth.' : `Paragraph ${i} about lava, ash and magma chambers under mount number ${i}.`,
  }));
  const queries = [
    { _id: 'q1', text: 'Which river carries the most water?', metadata: { answers: ['The Amazon', 'Amazon river'] } },
    { _id: 'q2', text: 'What is under mount 3?', metadata: { answers: ['magma chambers'] } },
    { _id: 'q3', text: 'No answer recorded', metadata: { answers: [] } },
  ];
  mkdirSync(join(dir, 'qrels'), { recursive: true });
  writeFileSync(join(dir, 'corpus.jsonl'), paragraphs.map((p) => JSON.stringify(p)).join('\n'));
  writeFileSync(join(dir, 'queries.jsonl'), queries.map((q) => JSON.stringify(q)).join('\n'));
  writeFileSync(join(dir, 'qrels', 'test.tsv'), 'query-id\tcorpus-id\tscore\nq1\t1-11\t1\nq2\t0-3\t1\nq3\t0-4\t1\n');
}

describe('the SQuAD library through the app\'s ingestion and BM25 search', () => {
  writeSquad();

  it('groups an article\'s paragraphs into documents of ten and keeps the questions that have answers', () => {
    const all = loadSquadLibrary(dir);
    expect(all.documents.map((d) => d.name)).toEqual(['volcanoes-1.md', 'volcanoes-2.txt', 'rivers-1.md']);
    expect(all.questions).toEqual([
      { text: 'Which river carries the most water?', answers: ['The Amazon', 'Amazon river'] },
      { text: 'What is under mount 3?', answers: ['magma chambers'] },
    ]);
    const first = loadSquadLibrary(dir, 1);
    expect(first.paragraphs).toBe(10);
    expect(first.questions.map((q) => q.text)).toEqual(['What is under mount 3?']);
  });

  it('finds the passage that answers, numbered as the chat numbers them, and chunks at the sizes asked', async () => {
    const { documents } = loadSquadLibrary(dir);
    const app = await buildBm25Library(documents, WORDS, {});
    const short = await buildBm25Library(documents, WORDS, { targetChars: 120, overlapChars: 18 });
    expect(short.chunks).toBeGreaterThan(app.chunks);
    expect(short.meanChunkChars).toBeLessThanOrEqual(120);
    const hits = await app.search('Which river carries the most water?', 3);
    expect(hits[0]?.docName).toBe('rivers-1.md');
    expect(hits[0]?.text).toContain('Amazon');
    expect(hits.map((h) => h.n)).toEqual(hits.map((_, i) => i + 1));
  });
});

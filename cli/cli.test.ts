/**
 * The `hearth` command end to end on generated files (PDF, Word, HTML, Markdown, a folder inside a
 * folder, a file it cannot read and one it does not take), with the test catalog's tiny BERT
 * embedder read from the model mirror folder: pack, info, search (one question and batch JSON
 * lines), eval, a BM25-only pack, and the exit codes of what goes wrong (run through bin/hearth.js).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfWithPages } from '../e2e/fixtures/files';
import { tinyBertTarget } from '../scripts/models/target-tiny-bert';
import { makeDocx, para } from '../workers/parsers/fixtures/make-docx';
import { EXIT } from './cli-error';
import { main } from './main';
import { ensureModelBuilt, MIRROR_ROOT } from './test-models';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CATALOG = join(root, 'e2e', 'fixtures', 'catalogs', 'test.json');
const tmp = mkdtempSync(join(tmpdir(), 'hearth-cli-'));
const docs = join(tmp, 'docs');
const kb = join(tmp, 'kb.hearth');
const common = ['--catalog', CATALOG, '--model-base-url', MIRROR_ROOT];

async function hearth(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main([...args, ...common], (l) => lines.push(l));
  return { code, lines };
}

/** The real executable, for exit codes and stderr. */
function hearthBin(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'hearth.js'), ...args], { encoding: 'utf8', cwd: tmp, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  await ensureModelBuilt(tinyBertTarget);
  mkdirSync(join(docs, 'manuals'), { recursive: true });
  writeFileSync(join(docs, 'pump.pdf'), await pdfWithPages([
    'Installing the pump\nBolt the pump to a level concrete base before connecting any pipes.',
    'Priming the pump\nFill the casing with water through the priming plug until it overflows.',
    'Winter storage\nDrain the casing completely so frost cannot crack it.',
  ]));
  writeFileSync(join(docs, 'valves.md'), '# Valves\n\n## Gate valves\n\nTurn the gate valve handwheel slowly to avoid water hammer.\n\n## Check valves\n\nA check valve lets water flow one way only.\n');
  writeFileSync(join(docs, 'manuals', 'filters.html'), '<html><head><title>Filters</title></head><body><h1>Sand filters</h1><p>Backwash the sand filter every week during the swimming season.</p></body></html>');
  writeFileSync(join(docs, 'manuals', 'heater.docx'), makeDocx({ body: para('Heater', 'Heading1') + para('The heater thermostat keeps the pool at twenty-eight degrees.') }));
  writeFileSync(join(docs, 'broken.pdf'), '%PDF-1.7\nthis is not really a PDF');
  writeFileSync(join(docs, 'photo.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
}, 180_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('hearth pack / info / search / eval', () => {
  it('packs a folder with the embedder, reporting the files it could not add', async () => {
    const { code, lines } = await hearth('pack', docs, '--out', kb, '--embedder', 'tiny-bert', '--json');
    expect(code).toBe(EXIT.ok);
    const summary = JSON.parse(lines[0] ?? '{}') as { documents: number; pages: number; failed: { file: string; code: string }[] };
    expect(summary.documents).toBe(4);
    expect(summary.pages).toBe(3);
    expect(summary.failed).toEqual([expect.objectContaining({ file: join(docs, 'broken.pdf'), code: 'FILE_DAMAGED' })]);

    const info = JSON.parse((await hearth('info', kb, '--json')).lines[0] ?? '{}') as {
      embedder: { id: string; dimensions: number };
      vectors: { encoding: string };
      documents: { name: string; pages: number | null; original: boolean }[];
      totals: { documents: number; pages: number; chunks: number };
    };
    expect(info.embedder).toMatchObject({ id: 'tiny-bert', dimensions: 32 });
    expect(info.vectors).toEqual({ encoding: 'f16', dimensions: 32 });
    expect(info.documents.map((d) => d.name).sort()).toEqual(['filters.html', 'heater.docx', 'pump.pdf', 'valves.md']);
    expect(info.documents.find((d) => d.name === 'pump.pdf')).toMatchObject({ pages: 3, original: true });
    expect(info.totals).toMatchObject({ documents: 4, pages: 3 });
    expect((await hearth('info', kb)).lines[0]).toContain('Hearth knowledge pack, format 1');
  });

  it('answers one question as JSON with file name, 1-based page, section, offsets, score and text', async () => {
    const { code, lines } = await hearth('search', kb, 'How do I prime the pump with water?', '--k', '3', '--json');
    expect(code).toBe(EXIT.ok);
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] ?? '{}') as { id: string; hits: Record<string, unknown>[] };
    expect(result.id).toBe('1');
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.length).toBeLessThanOrEqual(3);
    const [top] = result.hits;
    expect(Object.keys(top ?? {})).toEqual(['doc', 'page', 'section', 'start', 'end', 'score', 'text']);
    expect(top).toMatchObject({ doc: 'pump.pdf', page: 2, section: 'Priming the pump' });
    expect(String(top?.text)).toContain('priming plug');
    // Formats without pages say so with null; only the PDF's passages have one.
    for (const hit of result.hits) expect(hit.page === null).toBe(hit.doc !== 'pump.pdf');
  });

  it('answers a batch of questions, one JSON line each, in order', async () => {
    const queries = join(tmp, 'q.jsonl');
    writeFileSync(queries, ['{"id":"a","text":"backwash the sand filter"}', '', '{"id":"b","text":"thermostat temperature of the heater"}'].join('\n'));
    const { lines } = await hearth('search', kb, '--queries', queries, '--k', '2', '--json');
    const results = lines.map((l) => JSON.parse(l) as { id: string; hits: { doc: string; page: number | null }[] });
    expect(results.map((r) => r.id)).toEqual(['a', 'b']);
    expect(results[0]?.hits[0]).toMatchObject({ doc: 'filters.html', page: null });
    expect(results[1]?.hits[0]?.doc).toBe('heater.docx');
  });

  it('evaluates retrieval on a team’s own questions: hit@1, hit@5, hit@10 and MRR@10, overall and per document', async () => {
    const qa = join(tmp, 'qa.jsonl');
    writeFileSync(qa, [
      { question: 'How do I prime the pump?', doc: 'pump.pdf', page: 2 },
      { question: 'How should the pump be stored in winter so frost does not crack it?', doc: 'pump.pdf', page: 3 },
      { question: 'What does a check valve do?', doc: 'valves.md' },
      { question: 'How often is the sand filter backwashed?', doc: 'filters.html' },
      { question: 'Where is the pump manual for the sauna?', doc: 'sauna.pdf' },
    ].map((x) => JSON.stringify(x)).join('\n'));
    const { code, lines } = await hearth('eval', kb, '--qa', qa, '--json');
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(lines[0] ?? '{}') as { overall: Record<string, number>; perDocument: Record<string, Record<string, number>>; unknownDocuments: string[] };
    expect(report.overall.questions).toBe(5);
    // The four answerable questions are found in the top 10 (their words are in one passage each); sauna.pdf is not in the pack.
    expect(report.overall.hit10).toBeCloseTo(0.8);
    expect(report.perDocument['pump.pdf']).toMatchObject({ questions: 2, hit10: 1 });
    expect(report.perDocument['sauna.pdf']).toMatchObject({ questions: 1, hit1: 0, hit10: 0, mrr10: 0 });
    expect(report.unknownDocuments).toEqual(['sauna.pdf']);
    expect(report.overall.mrr10).toBeGreaterThan(0);
    expect(report.overall.hit1).toBeLessThanOrEqual(report.overall.hit5 ?? 0);
    const table = (await hearth('eval', kb, '--qa', qa)).lines.join('\n');
    expect(table).toMatch(/document\s+n\s+hit@1\s+hit@5\s+hit@10\s+MRR@10/);
    expect(table).toContain('all questions');
  });

  it('makes a BM25-only pack that searches without any model', async () => {
    const bm25 = join(tmp, 'bm25.hearth');
    expect((await hearth('pack', join(docs, 'valves.md'), join(docs, 'pump.pdf'), '--out', bm25, '--embedder', 'none', '--no-originals')).code).toBe(EXIT.ok);
    const info = JSON.parse((await hearth('info', bm25, '--json')).lines[0] ?? '{}') as { embedder: unknown; vectors: unknown; totals: { originals: number } };
    expect(info).toMatchObject({ embedder: null, vectors: null, totals: { originals: 0 } });
    const lines: string[] = [];
    await main(['search', bm25, 'gate valve handwheel', '--json', '--catalog', CATALOG, '--model-base-url', join(tmp, 'no-models-here')], (l) => lines.push(l));
    const [top] = (JSON.parse(lines[0] ?? '{}') as { hits: { doc: string; section: string; text: string }[] }).hits;
    expect(top).toMatchObject({ doc: 'valves.md', section: 'Valves' }); // the short file is one passage
    expect(top?.text).toContain('gate valve handwheel');
  });
});

describe('hearth exit codes and messages', () => {
  it('says what is wrong, with a distinct exit code for each kind of failure', () => {
    const usage = hearthBin('pack', 'docs');
    expect(usage.code).toBe(EXIT.usage);
    expect(usage.stderr).toContain('--out KB.hearth');

    const missing = hearthBin('pack', join(tmp, 'nope'), '--out', join(tmp, 'x.hearth'));
    expect(missing.code).toBe(EXIT.inputNotFound);
    expect(missing.stderr).toContain('does not exist');

    writeFileSync(join(tmp, 'fake.hearth'), 'not a pack');
    const unreadable = hearthBin('info', join(tmp, 'fake.hearth'));
    expect(unreadable.code).toBe(EXIT.packUnreadable);
    expect(unreadable.stderr).toContain('[PACK_DAMAGED]');

    const unknownModel = hearthBin('pack', docs, '--out', join(tmp, 'y.hearth'), '--embedder', 'no-such-model', '--catalog', CATALOG);
    expect(unknownModel.code).toBe(EXIT.unknownModel);
    expect(unknownModel.stderr).toContain('tiny-bert'); // names the embedders the catalog has

    // A pack made with tiny-bert, searched with a catalog that does not have it (the shipped one).
    const foreign = hearthBin('search', kb, 'pump');
    expect(foreign.code).toBe(EXIT.unknownModel);
    expect(foreign.stderr).toContain('[PACK_EMBEDDER_UNKNOWN]');

    const help = hearthBin('help');
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain('hearth eval KB.hearth --qa QA.jsonl');
  }, 120_000);
});

/**
 * The Reranker against the generated tiny cross-encoder (hearth-test/tiny-reranker), served over
 * HTTP in hub layout and run on onnxruntime-node: batching, order, aborts and load errors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RerankerModel } from '../../src/lib/catalog/types';
import { Mirror } from '../../scripts/models/mirror.ts';
import { runTarget } from '../../scripts/models/run-targets.ts';
import { serveDirectory, type StaticServer } from '../../scripts/models/static-server.ts';
import { TINY_RERANKER, tinyRerankerTarget } from '../../scripts/models/target-tiny-reranker.ts';
import { Reranker } from './reranker';
import { useNodeHub } from '../../scripts/models/node-hub.ts';

const record: RerankerModel = {
  id: 'tiny-reranker', name: 'Tiny reranker (test)', kind: 'reranker', engine: 'transformers', repo: TINY_RERANKER.repo,
  revision: 'main', quantization: 'fp32', dtype: 'fp32', downloadSizeMB: 1, memoryMB: 16, contextLength: 512,
  requiredFeatures: [], license: 'Apache-2.0', sourceUrl: 'https://example.org/hearth-test',
};

const dir = mkdtempSync(join(tmpdir(), 'hearth-reranker-'));
let server: StaticServer;
let reranker: Reranker;
const progressFiles = new Set<string>();

beforeAll(async () => {
  const report = await runTarget(tinyRerankerTarget, { mirror: new Mirror(join(dir, 'mirror')), sharedDir: null, log: () => {} }, false);
  expect(report.problems).toEqual([]);
  server = await serveDirectory(join(dir, 'mirror'));
  useNodeHub(server.url, join(dir, 'cache'));
  reranker = await Reranker.fromPretrained(record, { device: 'cpu', onProgress: (p) => progressFiles.add(p.file) });
}, 30_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const query = 'how cold is the sea in winter';
const passages = [
  'the sea is cold in winter',
  'a quick brown fox jumps over the lazy dog',
  'interest rates rose again',
  'the water is cold',
  'tomato soup with basil',
  'the sea is cold in winter',
  'snow fell on the harbour',
  'trains run every hour',
  'the museum opens at nine',
  'word '.repeat(1000),
];

describe('Reranker', () => {
  it('reports download progress per file while loading', () => {
    expect(progressFiles).toContain('onnx/model.onnx');
  });

  it('gives one finite score per passage, equal for equal passages', async () => {
    const scores = await reranker.score(query, passages);
    expect(scores).toHaveLength(passages.length);
    expect(scores.every(Number.isFinite)).toBe(true);
    expect(scores[0]).toBe(scores[5]);
    expect(new Set(scores).size).toBeGreaterThan(5);
  });

  it('scores the same whatever the batch size (padding does not leak into scores)', async () => {
    const batched = await reranker.score(query, passages);
    const one = await Promise.all(passages.map(async (p) => (await reranker.score(query, [p]))[0]!));
    one.forEach((s, i) => expect(batched[i]).toBeCloseTo(s, 4));
  });

  it('returns nothing for no passages, and stops between batches when aborted', async () => {
    expect(await reranker.score(query, [])).toEqual([]);
    const controller = new AbortController();
    controller.abort();
    await expect(reranker.score(query, passages, controller.signal)).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('maps a missing model to MODEL_FILE_NOT_FOUND', async () => {
    const missing = { ...record, name: 'Missing reranker', repo: 'hearth-test/no-such-reranker' };
    await expect(Reranker.fromPretrained(missing, { device: 'cpu' })).rejects.toMatchObject({
      code: 'MODEL_FILE_NOT_FOUND',
      message: expect.stringContaining('reranking model “Missing reranker”'),
    });
  });
});

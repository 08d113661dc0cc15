/**
 * The tiny BERT loads and runs in transformers.js the way the app loads models from a mirror:
 * over HTTP with env.remoteHost and the hub's {model}/resolve/{revision}/ path template.
 * (In Node, transformers.js runs it on onnxruntime-node, whose bundled CPU binary works here.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mirror } from './mirror.ts';
import { runTarget } from './run-targets.ts';
import { TINY_BERT } from './specs.ts';
import { serveDirectory, type StaticServer } from './static-server.ts';
import { tinyBertTarget } from './target-tiny-bert.ts';
import { useNodeHub } from './node-hub.ts';

const dir = mkdtempSync(join(tmpdir(), 'hearth-tiny-bert-'));
const root = join(dir, 'mirror');
let server: StaticServer;

let extract: FeatureExtractionPipeline;

beforeAll(async () => {
  const report = await runTarget(tinyBertTarget, { mirror: new Mirror(root), sharedDir: null, log: () => {} }, false);
  expect(report.problems).toEqual([]);
  server = await serveDirectory(root);
  useNodeHub(server.url, join(dir, 'cache'));
  extract = await pipeline('feature-extraction', TINY_BERT.repo, { dtype: 'fp32' });
}, 30_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tiny BERT in transformers.js', () => {
  it('was fetched from the mirror in hub layout', () => {
    expect(server.requested).toContain(`/${TINY_BERT.repo}/resolve/main/onnx/model.onnx`);
    expect(server.requested).toContain(`/${TINY_BERT.repo}/resolve/main/tokenizer.json`);
  });

  it('tokenizes like BERT: [CLS] … [SEP], lowercase, no [UNK] for plain words', () => {
    const ids = (extract.tokenizer('The Water is COLD, zyxq!').input_ids.tolist() as bigint[][])[0]!.map(Number);
    expect(ids[0]).toBe(2);
    expect(ids.at(-1)).toBe(3);
    expect(ids).not.toContain(1);
    expect(extract.tokenizer.decode(ids, { skip_special_tokens: true })).toBe('the water is cold, zyxq!');
  });

  it('gives 32-dimensional unit vectors, identical for identical texts, different for different ones', async () => {
    const texts = ['the water is cold', 'the water is cold', 'a quick brown fox jumps over the lazy dog'];
    const out = await extract(texts, { pooling: 'mean', normalize: true });
    expect(out.dims).toEqual([3, 32]);
    const [a, b, c] = out.tolist() as number[][];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const norm = Math.hypot(...a!);
    expect(norm).toBeCloseTo(1, 5);
    expect(a!.every(Number.isFinite)).toBe(true);
  });

  it('handles a batch with padding (attention mask) and long input (truncated to 512)', async () => {
    const alone = (await extract('short text', { pooling: 'mean', normalize: true })).tolist() as number[][];
    const batched = (await extract(['short text', 'a much longer text that forces padding of the first one'], { pooling: 'mean', normalize: true })).tolist() as number[][];
    alone[0]!.forEach((v, i) => expect(batched[0]![i]).toBeCloseTo(v, 4));
    const long = await extract('word '.repeat(2000), { pooling: 'mean', normalize: true });
    expect(long.dims).toEqual([1, 32]);
  });
});

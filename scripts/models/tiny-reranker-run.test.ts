/**
 * The tiny cross-encoder loads and runs in transformers.js the way the app loads a reranker: over
 * HTTP from a mirror, AutoTokenizer + AutoModelForSequenceClassification, (query, passage) pairs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AutoModelForSequenceClassification, AutoTokenizer, type PreTrainedModel, type PreTrainedTokenizer, type Tensor,
} from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mirror } from './mirror.ts';
import { runTarget } from './run-targets.ts';
import { serveDirectory, type StaticServer } from './static-server.ts';
import { TINY_RERANKER, tinyRerankerTarget } from './target-tiny-reranker.ts';
import { useNodeHub } from './node-hub.ts';

const dir = mkdtempSync(join(tmpdir(), 'hearth-tiny-reranker-'));
const root = join(dir, 'mirror');
let server: StaticServer;
let tokenizer: PreTrainedTokenizer;
let model: PreTrainedModel;

beforeAll(async () => {
  const report = await runTarget(tinyRerankerTarget, { mirror: new Mirror(root), sharedDir: null, log: () => {} }, false);
  expect(report.problems).toEqual([]);
  server = await serveDirectory(root);
  useNodeHub(server.url, join(dir, 'cache'));
  tokenizer = await AutoTokenizer.from_pretrained(TINY_RERANKER.repo);
  model = await AutoModelForSequenceClassification.from_pretrained(TINY_RERANKER.repo, { dtype: 'fp32' });
}, 30_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function logits(queries: string[], passages: string[]): Promise<Tensor> {
  const inputs = tokenizer(queries, { text_pair: passages, padding: true, truncation: true });
  return ((await model(inputs)) as { logits: Tensor }).logits;
}

describe('tiny reranker in transformers.js', () => {
  it('was fetched from the mirror in hub layout, as a sequence classifier', () => {
    expect(server.requested).toContain(`/${TINY_RERANKER.repo}/resolve/main/onnx/model.onnx`);
    expect(server.requested).toContain(`/${TINY_RERANKER.repo}/resolve/main/config.json`);
    expect(model.constructor.name).toBe('BertForSequenceClassification');
  });

  it('encodes a pair as [CLS] query [SEP] passage [SEP] with token types 0 then 1', () => {
    const enc = tokenizer('cold water', { text_pair: 'the sea' });
    const ids = (enc.input_ids.tolist() as bigint[][])[0]!.map(Number);
    const types = (enc.token_type_ids!.tolist() as bigint[][])[0]!.map(Number);
    expect(ids.filter((id) => id === 3)).toHaveLength(2);
    expect(ids[0]).toBe(2);
    expect(types).toEqual([0, 0, 0, 0, 1, 1, 1]);
  });

  it('gives one finite logit per pair: [batch, 1], equal for equal pairs, different for different ones', async () => {
    const query = 'how cold is the water';
    const out = await logits([query, query, query], ['the water is cold', 'the water is cold', 'a fox jumps over the dog']);
    expect(out.dims).toEqual([3, 1]);
    const [a, b, c] = Array.from(out.data as Float32Array);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect([a, b, c].every(Number.isFinite)).toBe(true);
  });

  it('scores a pair the same alone and padded in a batch, and truncates long passages to 512 tokens', async () => {
    const alone = (await logits(['q'], ['short passage'])).data[0] as number;
    const batched = await logits(['q', 'q'], ['short passage', 'a much longer passage that forces padding of the first one']);
    expect(batched.data[0]).toBeCloseTo(alone, 4);
    const long = await logits(['q'], ['word '.repeat(2000)]);
    expect(long.dims).toEqual([1, 1]);
  });
});

/**
 * The ONNX LLM engine on the generated tiny decoder (SmolLM2's layout, q4 and q8) and the tiny LFM2
 * (onnx-community's LFM2 layout: short-convolution caches beside the KV cache, weights in external data), loaded by
 * transformers.js over HTTP from a mirror in hub layout — in Node it runs on onnxruntime-node, in
 * the app on onnxruntime-web (e2e/onnx-llm.spec.ts). Token counts, stop, abort and errors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_DECODER } from '../../scripts/models/decoder-specs';
import { Mirror } from '../../scripts/models/mirror';
import { runTarget } from '../../scripts/models/run-targets';
import { serveDirectory, type StaticServer } from '../../scripts/models/static-server';
import { tinyDecoderTarget } from '../../scripts/models/target-decoders';
import { tinyLfm2Target } from '../../scripts/models/target-lfm2-onnx';
import { TINY_LFM2 } from '../../scripts/models/lfm2-onnx-twins';
import type { OnnxLlmModel } from '../../src/lib/catalog/types';
import { AppError } from '../../src/lib/errors';
import type { ChatMessage, LoadPayload } from '../llm.protocol';
import type { OnnxHub } from './onnx-hub';
import { OnnxLlmEngine } from './onnx-llm';
import { useNodeHub } from '../../scripts/models/node-hub';

const dir = mkdtempSync(join(tmpdir(), 'hearth-onnx-llm-'));
const root = join(dir, 'mirror');
let server: StaticServer;

/** The Node hub: files from the test server, cached on disk (onnxruntime-node opens a path), 1 thread. */
const nodeHub: OnnxHub = ({ model }) => {
  useNodeHub(server.url, join(dir, 'cache'));
  return { device: 'cpu', modelId: model.repo, sessionOptions: { intraOpNumThreads: 1 } };
};

const record = (dtype: 'q4' | 'q8', repo = TINY_DECODER.repo, id = `tiny-decoder-${dtype}`): OnnxLlmModel => ({
  id, name: 'tiny decoder', kind: 'llm', engine: 'transformers', repo, revision: 'main',
  quantization: dtype, downloadSizeMB: 1, memoryMB: 16, contextLength: 2048, requiredFeatures: [], license: 'mit',
  sourceUrl: 'https://example.org/', dtype,
});
const payload = (model: OnnxLlmModel, contextWindow?: number): LoadPayload => ({
  model, modelUrl: `${server.url}${model.repo}/resolve/main/`, threads: 1, ...(contextWindow ? { contextWindow } : {}),
});
const messages: ChatMessage[] = [{ role: 'user', content: 'Tell me about the water in winter.' }];
const noProgress = () => {};
const never = new AbortController().signal;

beforeAll(async () => {
  for (const target of [tinyDecoderTarget, tinyLfm2Target]) {
    const report = await runTarget(target, { mirror: new Mirror(root), sharedDir: null, log: () => {} }, false);
    expect(report.problems).toEqual([]);
  }
  server = await serveDirectory(root);
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const CASES = [
  { label: 'tiny decoder q4', model: record('q4'), files: ['onnx/model_q4.onnx'] },
  { label: 'tiny decoder q8', model: record('q8'), files: ['onnx/model_quantized.onnx'] },
  { label: 'tiny LFM2 q4', model: record('q4', TINY_LFM2.repo, 'tiny-lfm2-q4'), files: ['onnx/model_q4.onnx', 'onnx/model_q4.onnx_data'] },
];

describe.each(CASES)('ONNX LLM engine, $label', ({ model, files }) => {
  const engine = new OnnxLlmEngine(nodeHub);

  beforeAll(async () => {
    const result = await engine.load(payload(model), noProgress, never);
    expect(result).toEqual({ modelId: model.id, engine: 'transformers', contextLength: 2048 });
  }, 30_000);
  afterAll(() => engine.unload());

  it(`fetched ${files.join(' and ')} from the mirror`, () => {
    for (const file of files) expect(server.requested).toContain(`/${model.repo}/resolve/main/${file}`);
  });

  it('generates exactly maxTokens tokens, streams the text it returns, and counts the chat-template prompt', async () => {
    const pieces: string[] = [];
    const result = await engine.generate({ messages, maxTokens: 12, temperature: 0 }, (t) => pieces.push(t), never);
    const tokenizer = await AutoTokenizer.from_pretrained(model.repo);
    const prompt = tokenizer.apply_chat_template(messages, { add_generation_prompt: true, return_tensor: false, return_dict: false }) as number[];
    expect(result.stats.promptTokens).toBe(prompt.length);
    expect(result.stats.completionTokens).toBe(12);
    expect(result.finishReason).toBe('length');
    expect(pieces.join('')).toBe(result.text);
    expect(result.text.length).toBeGreaterThan(0);
  });

  it('is deterministic at temperature 0', async () => {
    const a = await engine.generate({ messages, maxTokens: 8, temperature: 0 }, () => {}, never);
    const b = await engine.generate({ messages, maxTokens: 8, temperature: 0 }, () => {}, never);
    expect(b.text).toBe(a.text);
  });

  it('stops within a token of Stop and returns the text so far', async () => {
    const controller = new AbortController();
    let pieces = 0;
    const result = await engine.generate({ messages, maxTokens: 200, temperature: 0.7 }, () => {
      if (++pieces === 2) controller.abort();
    }, controller.signal);
    expect(result.finishReason).toBe('aborted');
    expect(pieces).toBe(2);
    // The piece that triggered Stop may hold a few tokens (whole words); at most one more is sampled.
    expect(result.stats.completionTokens).toBeLessThan(20);
  });

  it('stops when another thread sets the shared stop flag', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    let pieces = 0;
    const result = await engine.generate({ messages, maxTokens: 200, temperature: 0.7 }, () => {
      if (++pieces === 1) Atomics.store(flag, 0, 1);
    }, never, flag);
    expect(result.finishReason).toBe('aborted');
    expect(pieces).toBe(1);
    expect(result.stats.completionTokens).toBeLessThan(20);
  });

  it('a follow-up reads only its new tokens and writes what reading the whole prompt afresh writes', async () => {
    const first = await engine.generate({ messages, maxTokens: 6, temperature: 0 }, () => {}, never);
    const followUp: ChatMessage[] = [...messages, { role: 'assistant', content: first.text }, { role: 'user', content: 'And in summer?' }];
    const cached = await engine.generate({ messages: followUp, maxTokens: 8, temperature: 0 }, () => {}, never);
    expect(cached.stats.reusedTokens).toBeGreaterThanOrEqual(first.stats.promptTokens);
    expect(cached.stats.reusedTokens).toBeLessThan(cached.stats.promptTokens);

    const fresh = new OnnxLlmEngine(nodeHub);
    await fresh.load(payload(model), noProgress, never);
    const afresh = await fresh.generate({ messages: followUp, maxTokens: 8, temperature: 0 }, () => {}, never);
    await fresh.unload();
    expect(afresh.stats.reusedTokens).toBe(0);
    expect(cached.text).toBe(afresh.text);
    expect(cached.stats.promptTokens).toBe(afresh.stats.promptTokens);
  }, 30_000);

  it('does not reuse what it read when the passages change: only a common start, and only where the cache can be cut back', async () => {
    const passages = (topic: string): ChatMessage[] => [{ role: 'system', content: 'Answer from the passages.' }, { role: 'user', content: `[1] ${topic}\n\nWhat happens?` }];
    await engine.generate({ messages: passages('Ice covers the lake in January.'), maxTokens: 4, temperature: 0 }, () => {}, never);
    const changed = await engine.generate({ messages: passages('Birds leave the marsh in October.'), maxTokens: 4, temperature: 0 }, () => {}, never);
    const head = (await AutoTokenizer.from_pretrained(model.repo)).apply_chat_template(passages(''), { add_generation_prompt: false, return_tensor: false, return_dict: false }) as number[];
    // Attention caches keep the shared system prompt; LFM2's short-convolution caches cannot be cut back, so it reads afresh.
    if (model.repo === TINY_LFM2.repo) expect(changed.stats.reusedTokens).toBe(0);
    else {
      expect(changed.stats.reusedTokens).toBeGreaterThan(0);
      expect(changed.stats.reusedTokens).toBeLessThan(head.length);
    }
  });

  it('answers an already-aborted request with nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await engine.generate({ messages, maxTokens: 10, temperature: 0 }, () => {}, controller.signal);
    expect(result).toMatchObject({ text: '', finishReason: 'aborted', stats: { completionTokens: 0 } });
  });
});

describe('ONNX LLM engine errors', () => {
  it('refuses a prompt longer than the context window with PROMPT_TOO_LONG', async () => {
    const engine = new OnnxLlmEngine(nodeHub);
    await engine.load(payload(record('q4'), 16), noProgress, never);
    const error = await engine.generate({ messages, maxTokens: 4, temperature: 0 }, () => {}, never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('PROMPT_TOO_LONG');
    await engine.unload();
  }, 30_000);

  it('reports a model missing from the mirror as MODEL_FILE_NOT_FOUND', async () => {
    const engine = new OnnxLlmEngine(nodeHub);
    const error = await engine.load(payload(record('q4', 'hearth-test/no-such-decoder')), noProgress, never).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('MODEL_FILE_NOT_FOUND');
    expect(engine.isLoaded()).toBe(false);
  });

  it('is unloaded by unload and refuses to generate after', async () => {
    const engine = new OnnxLlmEngine(nodeHub);
    await engine.load(payload(record('q8')), noProgress, never);
    expect(engine.isLoaded()).toBe(true);
    await engine.unload();
    expect(engine.isLoaded()).toBe(false);
    const error = await engine.generate({ messages, maxTokens: 4, temperature: 0 }, () => {}, never).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('GENERATION_FAILED');
  }, 30_000);
});

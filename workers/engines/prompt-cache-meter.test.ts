import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GgufHeader } from '../downloads/gguf-header';
import { readModelHeader } from './kv-cache';
import { budgetFor, kvBytesPerToken, MAX_BUDGET_BYTES, MIN_BUDGET_BYTES, PromptCacheMeter } from './prompt-cache-meter';

const MIB = 1024 * 1024;

function header(entries: Record<string, number | string>): GgufHeader {
  return { version: 3, tensorCount: 0n, metadata: new Map(Object.entries(entries)), complete: true };
}

/** Qwen2.5-0.5B's shape: 24 layers, 14 query heads and 2 KV heads of 64. */
const QWEN_05B = header({
  'general.architecture': 'qwen2',
  'qwen2.block_count': 24,
  'qwen2.embedding_length': 896,
  'qwen2.attention.head_count': 14,
  'qwen2.attention.head_count_kv': 2,
});

describe('kvBytesPerToken', () => {
  it('is layers × KV heads × (key + value width) × element size', () => {
    expect(kvBytesPerToken(QWEN_05B, {})).toBe(24 * 2 * 128 * 2);
    expect(kvBytesPerToken(QWEN_05B, { cache_type_k: 'q8_0', cache_type_v: 'q8_0', flash_attn: true })).toBe(24 * 2 * 128 * (34 / 32));
  });

  it('assumes one KV head per query head when the KV head count is not a single number', () => {
    const perLayerKv = header({ 'general.architecture': 'llama', 'llama.block_count': 2, 'llama.embedding_length': 64, 'llama.attention.head_count': 4 });
    expect(kvBytesPerToken(perLayerKv, {})).toBe(2 * 4 * 32 * 2);
  });

  it('falls back to a 1B-class figure when the header does not give the shape', () => {
    expect(kvBytesPerToken(null, {})).toBe(32 * 1024);
    expect(kvBytesPerToken(header({ 'general.architecture': 'llama' }), {})).toBe(32 * 1024);
  });

  const REAL = ['../shared/models/stories260K/stories260K.gguf', '.models/mirror/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf'].find((p) => existsSync(p));
  it('matches the cache llama.cpp allocates for the real stories260K (1.25 MiB for 2,048 cells, f16)', async () => {
    expect(REAL, 'stories260K.gguf (npm run models -- --only test)').toBeTruthy();
    const real = await readModelHeader(new Blob([readFileSync(REAL!)]));
    expect(kvBytesPerToken(real, {}) * 2048).toBe(1.25 * MIB);
  });
});

describe('budgetFor', () => {
  it('is a quarter of the model file within 32 and 256 MiB', () => {
    expect(budgetFor(1 * MIB)).toBe(MIN_BUDGET_BYTES);
    expect(budgetFor(400 * MIB)).toBe(100 * MIB);
    expect(budgetFor(2000 * MIB)).toBe(MAX_BUDGET_BYTES);
  });
});

describe('PromptCacheMeter', () => {
  it('counts the held prompt when less than half of it is reused, as llama.cpp decides', () => {
    const meter = new PromptCacheMeter(1000, 100 * MIB);
    meter.started(undefined);
    meter.finished(800);
    expect(meter.cachedBytes).toBe(0);
    meter.started(799); // the real request after its token-count pass, or the same prompt again
    meter.finished(900);
    expect(meter.cachedBytes).toBe(0);
    meter.started(450); // a follow-up that keeps half of what was held
    meter.finished(1500);
    expect(meter.cachedBytes).toBe(0);
    meter.started(120); // a new question: only the system prompt is shared
    expect(meter.cachedBytes).toBe(1500 * 1000 + MIB);
    meter.finished(600);
    meter.started(undefined);
    expect(meter.cachedBytes).toBe(1500 * 1000 + 600 * 1000 + 2 * MIB);
  });

  it('asks for a restart once the next new prompt would pass the budget, and starts from nothing after one', () => {
    const perQuestion = 1000 * 1000 + MIB;
    const meter = new PromptCacheMeter(1000, 3 * perQuestion);
    const asked: boolean[] = [];
    for (let q = 1; q <= 4; q++) {
      meter.started(0);
      meter.finished(1000);
      asked.push(meter.shouldRestart());
    }
    // After question 3 two earlier prompts are cached and a new one would make three: within budget.
    // After question 4 three are cached, and the next would make four.
    expect(asked).toEqual([false, false, false, true]);
    meter.reset();
    expect(meter.cachedBytes).toBe(0);
    expect(meter.shouldRestart()).toBe(false);
  });

  it('never asks for a restart before anything was generated', () => {
    const meter = new PromptCacheMeter(1000, 1);
    expect(meter.shouldRestart()).toBe(false);
    meter.started(0);
    expect(meter.shouldRestart()).toBe(false);
  });
});

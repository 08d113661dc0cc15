import { afterEach, describe, expect, it, vi } from 'vitest';
import shipped from '../../models.json';
import { parseCatalog } from '../../src/lib/catalog/load';
import type { LlmModel } from '../../src/lib/catalog/types';
import { contextWindowFor, DEFAULT_MAX_CONTEXT, GenerationClock } from './engine';
import { plainPrompt } from './wllama';

const catalog = parseCatalog(shipped);
const llm = (id: string) => catalog.models.find((m) => m.id === id) as LlmModel;

describe('contextWindowFor', () => {
  it('caps big context lengths at the default, and never exceeds the model', () => {
    const llama = llm('Llama-3.2-1B-Instruct-Q4_K_M-GGUF'); // 131072 tokens
    expect(contextWindowFor({ model: llama, modelUrl: '' })).toBe(DEFAULT_MAX_CONTEXT);
    expect(contextWindowFor({ model: llama, modelUrl: '', contextWindow: 16384 })).toBe(16384);
    const stories = llm('stories260K-GGUF'); // 2048 tokens
    expect(contextWindowFor({ model: stories, modelUrl: '', contextWindow: 8192 })).toBe(2048);
    expect(contextWindowFor({ model: stories, modelUrl: '', contextWindow: 256 })).toBe(256);
  });
});

describe('GenerationClock', () => {
  afterEach(() => vi.restoreAllMocks());

  it('measures time to first token and decode speed after it', () => {
    let now = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const clock = new GenerationClock();
    now = 1250; // prompt read: 250 ms
    clock.token();
    for (let i = 0; i < 10; i++) {
      now += 20; // 50 tokens/s
      clock.token();
    }
    expect(clock.stats(30)).toEqual({ promptTokens: 30, completionTokens: 11, firstTokenMs: 250, tokensPerSecond: 50 });
  });

  it('reports zeros, not NaN, when nothing came out', () => {
    expect(new GenerationClock().stats(12)).toEqual({ promptTokens: 12, completionTokens: 0, firstTokenMs: 0, tokensPerSecond: 0 });
  });
});

describe('plainPrompt (models without a chat template)', () => {
  it('is "system\\n\\nuser\\n"', () => {
    expect(
      plainPrompt([
        { role: 'system', content: 'You answer from the sources.' },
        { role: 'user', content: 'What is Hearth?' },
      ]),
    ).toBe('You answer from the sources.\n\nWhat is Hearth?\n');
  });

  it('skips empty messages', () => {
    expect(plainPrompt([{ role: 'system', content: '  ' }, { role: 'user', content: 'Hi' }])).toBe('Hi\n');
  });

  it('continues a follow-up from the previous prompt and its answer exactly as generated', () => {
    const first = plainPrompt([
      { role: 'system', content: 'Rules.' },
      { role: 'user', content: 'Q1' },
    ]);
    const follow = plainPrompt([
      { role: 'system', content: 'Rules.' },
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: ' Once upon a time.' },
      { role: 'user', content: 'Q2' },
    ]);
    expect(follow.startsWith(`${first} Once upon a time.`)).toBe(true);
    expect(follow).toBe('Rules.\n\nQ1\n Once upon a time.\n\nQ2\n');
  });
});

import { describe, expect, it } from 'vitest';
import { contextWindowOf, languageModelOf, measureUsage, usageOf, type LanguageModelSession } from './api';

describe('reading the Prompt API under its old and new names', () => {
  it('finds LanguageModel only where it has availability() and create()', () => {
    const api = { availability: async () => 'available' as const, create: async () => ({}) as LanguageModelSession };
    expect(languageModelOf({ LanguageModel: api })).toBe(api);
    expect(languageModelOf({})).toBeNull();
    expect(languageModelOf({ LanguageModel: { availability: api.availability } })).toBeNull();
  });

  it('reads contextWindow, else the older inputQuota', () => {
    expect(contextWindowOf({ contextWindow: 9216, inputQuota: 6144 })).toBe(9216);
    expect(contextWindowOf({ inputQuota: 6144 })).toBe(6144);
    expect(contextWindowOf({ contextWindow: Infinity })).toBe(Infinity);
    expect(contextWindowOf({})).toBeNull();
  });

  it('reads contextUsage, else inputUsage, else 0', () => {
    expect(usageOf({ contextUsage: 120, inputUsage: 99 })).toBe(120);
    expect(usageOf({ inputUsage: 99 })).toBe(99);
    expect(usageOf({})).toBe(0);
  });

  it('measures with measureContextUsage, else measureInputUsage, else says it cannot', async () => {
    const signal = new AbortController().signal;
    const both = { measureContextUsage: async () => 11, measureInputUsage: async () => 22 } as unknown as LanguageModelSession;
    const old = { measureInputUsage: async () => 22 } as unknown as LanguageModelSession;
    expect(await measureUsage(both, 'q', signal)).toBe(11);
    expect(await measureUsage(old, 'q', signal)).toBe(22);
    expect(measureUsage({} as LanguageModelSession, 'q', signal)).toBeNull();
  });
});

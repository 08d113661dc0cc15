import { describe, expect, it } from 'vitest';
import { MAX_CONTEXT_CHARS_ON_CPU, promptBudget } from './budget';
import { SYSTEM_PROMPT } from './prompt';

describe('promptBudget', () => {
  it('leaves room for the answer and never exceeds the window at 2 characters per token', () => {
    for (const ctx of [512, 2048, 4096, 8192, 32768]) {
      const { maxTokens, maxContextChars } = promptBudget(ctx);
      expect(maxTokens).toBeGreaterThanOrEqual(32);
      expect(maxTokens + (maxContextChars + SYSTEM_PROMPT.length) / 2 + 96).toBeLessThanOrEqual(ctx);
    }
  });
  it('gives a 4k model room for several passages and caps large windows', () => {
    expect(promptBudget(4096).maxContextChars).toBeGreaterThan(6000);
    expect(promptBudget(131072).maxContextChars).toBe(8000);
    expect(promptBudget(512)).toEqual({ maxTokens: 128, maxContextChars: 576 - 2 * Math.ceil(SYSTEM_PROMPT.length / 2), maxPromptChars: 576 });
    expect(promptBudget(4096, 64).maxTokens).toBe(64);
  });
  it('keeps prompts shorter on the CPU engine, where reading them is slow', () => {
    expect(promptBudget(4096, 384, 'wllama').maxContextChars).toBe(MAX_CONTEXT_CHARS_ON_CPU);
    expect(MAX_CONTEXT_CHARS_ON_CPU).toBeLessThan(promptBudget(4096, 384, 'webllm').maxContextChars);
    expect(promptBudget(4096, 384, 'webllm').maxContextChars).toBeGreaterThan(6000);
    expect(promptBudget(512, 384, 'wllama')).toEqual(promptBudget(512));
  });
  it('budgets with the characters per token the engine measured for the model', () => {
    const measured = promptBudget(2048, 384, 'wllama', 1.35);
    expect(384 + (measured.maxContextChars + SYSTEM_PROMPT.length) / 1.35 + 96).toBeLessThanOrEqual(2048 + 1);
    expect(measured.maxContextChars).toBeLessThan(promptBudget(2048, 384, 'wllama').maxContextChars);
    expect(promptBudget(4096, 384, 'webllm', 4).maxContextChars).toBe(8000);
  });
});

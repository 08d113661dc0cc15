import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import shipped from '../../../models.json';
import { parseCatalog } from './load';
import { familyThinkingSwitch, thinkingSwitchOf } from './thinking-switch';
import type { LlmModel } from './types';

const catalog = parseCatalog(shipped);
const llms = catalog.models.filter((m): m is LlmModel => m.kind === 'llm');

describe('thinkingSwitchOf', () => {
  it('gives Qwen3 and Qwen3.5 their enable_thinking switch, and no other prebuilt web-llm family', () => {
    const ids = prebuiltAppConfig.model_list.map((r) => r.model_id);
    const switched = ids.filter((id) => familyThinkingSwitch({ id, repo: `mlc-ai/${id}`, name: id }) === 'enable_thinking');
    expect(switched.length).toBeGreaterThan(10);
    for (const id of switched) expect(id).toMatch(/^Qwen3(\.5)?-/);
    for (const id of ids.filter((i) => /^Qwen3(\.5)?-/.test(i))) expect(switched).toContain(id);
    expect(switched).not.toContain('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
  });

  it('finds the family of an imported model by its name or file', () => {
    expect(familyThinkingSwitch({ id: 'local-1a2b3c4d', repo: 'local/local-1a2b3c4d', name: 'Qwen3 0.6B Instruct', file: 'x.gguf' })).toBe('enable_thinking');
    expect(familyThinkingSwitch({ id: 'local-1a2b3c4d', repo: 'local/local-1a2b3c4d', name: 'model', file: 'qwen3-1.7b-q4_k_m.gguf' })).toBe('enable_thinking');
    expect(familyThinkingSwitch({ id: 'local-1a2b3c4d', repo: 'local/local-1a2b3c4d', name: 'Qwen2.5 0.5B', file: 'qwen2.5-0.5b.gguf' })).toBe('none');
  });

  it('lets a catalog record say it itself', () => {
    const qwen = llms.find((m) => m.id.startsWith('Qwen2.5')) as LlmModel;
    expect(thinkingSwitchOf(qwen)).toBe('none');
    expect(thinkingSwitchOf({ ...qwen, thinking: 'enable_thinking' })).toBe('enable_thinking');
    expect(thinkingSwitchOf({ ...qwen, id: 'Qwen3-4B-Instruct-2507-q4f16_1-MLC', thinking: 'none' })).toBe('none');
  });
});

describe('the catalog’s thinking field', () => {
  it('accepts the two switches and refuses anything else, naming the field', () => {
    const json = structuredClone(shipped) as { models: Record<string, unknown>[] };
    const i = json.models.findIndex((m) => m.kind === 'llm');
    (json.models[i] as Record<string, unknown>).thinking = 'none';
    expect(() => parseCatalog(json)).not.toThrow();
    (json.models[i] as Record<string, unknown>).thinking = 'off';
    expect(() => parseCatalog(json)).toThrow(expect.objectContaining({ code: 'CATALOG_INVALID', detail: expect.stringContaining(`models[${i}].thinking`) }));
  });
});

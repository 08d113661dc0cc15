import { describe, expect, it } from 'vitest';
import { createBuiltInHost } from './host';
import { builtInModel } from './offer';

const model = builtInModel({ overall: 'available', byLanguage: { en: 'available' }, expected: ['en'] });
const request = { messages: [{ role: 'user' as const, content: 'Q' }], maxTokens: 8, temperature: 0 };

describe('the built-in host before any model', () => {
  it('refuses to load where the browser has no LanguageModel, with a code', async () => {
    const host = createBuiltInHost(() => null);
    await expect(host.call('load', { model })).rejects.toMatchObject({ code: 'BUILT_IN_MODEL_UNAVAILABLE' });
    expect(await host.call('state', {})).toEqual({ loaded: null });
  });

  it('refuses to generate before a load, as the LLM worker does', async () => {
    const host = createBuiltInHost(() => null);
    await expect(host.call('generate', request)).rejects.toMatchObject({ code: 'GENERATION_FAILED' });
  });

  it('unloads safely when nothing is loaded', async () => {
    const host = createBuiltInHost(() => null);
    await expect(host.call('unload', {})).resolves.toBeUndefined();
    expect(await host.call('state', {})).toEqual({ loaded: null });
  });
});

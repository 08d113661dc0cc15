import { describe, expect, it } from 'vitest';
import shipped from '../../../models.json';
import { parseCatalog } from '../catalog/load';
import type { Catalog } from '../catalog/types';
import type { DeviceCapabilities } from '../device/capabilities';
import { recommendLlm } from '../device/recommend';
import { withLocalModels } from './local-models';
import { startingModel } from './choice';
import { wordsFor } from '../i18n/all-catalogs';
import { llmReasonText } from './reason-words';

const say = (r: Parameters<typeof llmReasonText>[1]) => llmReasonText(wordsFor('en'), r);

const catalog = parseCatalog(shipped);
const laptop: DeviceCapabilities = {
  gpu: {
    isFallbackAdapter: false, shaderF16: true, maxBufferSize: 2 ** 32, maxStorageBufferBindingSize: 2 ** 31,
    features: ['shader-f16'], vendor: 'apple', architecture: 'metal-3', description: '',
  },
  deviceMemoryGB: 8,
  hardwareConcurrency: 8,
  storage: null,
  crossOriginIsolated: true,
};

describe('startingModel', () => {
  it('keeps a stored choice the catalog still has', () => {
    const start = startingModel(catalog, laptop, 'Llama-3.2-1B-Instruct-q4f16_1-MLC');
    expect(start.model.id).toBe('Llama-3.2-1B-Instruct-q4f16_1-MLC');
    expect(say(start.reason)).toBe('Your choice.');
  });

  it('recommends when nothing was chosen', () => {
    expect(startingModel(catalog, laptop, null)).toEqual(recommendLlm(catalog, laptop));
  });

  it.each(['Phi-3.5-mini-instruct-q4f16_1-MLC', 'Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF'])(
    'falls back to the recommendation when the catalog drops the stored choice (%s), and says so',
    (dropped) => {
      expect(startingModel(catalog, laptop, dropped).model.id).toBe(dropped);
      const without: Catalog = { ...catalog, models: catalog.models.filter((m) => m.id !== dropped) };
      const start = startingModel(without, laptop, dropped);
      const recommended = recommendLlm(without, laptop);
      expect(start.model).toBe(recommended.model);
      expect(say(start.reason)).toBe(`The model chosen before (${dropped}) is no longer in the catalog. ${say(recommended.reason)}`);
    },
  );

  it('keeps an imported model while it is listed, and falls back once it is gone', () => {
    const imported = {
      model: { ...catalog.models.find((m) => m.id === 'LFM2-350M-Q8_0-GGUF')!, id: 'local-1234abcd', name: 'my.gguf' },
      origin: 'my.gguf', sizeBytes: 1, importedAt: 0,
    } as Parameters<typeof withLocalModels>[1][number];
    expect(startingModel(withLocalModels(catalog, [imported]), laptop, 'local-1234abcd').model.id).toBe('local-1234abcd');
    expect(startingModel(catalog, laptop, 'local-1234abcd').model.id).toBe(recommendLlm(catalog, laptop).model.id);
  });

  it('never picks a record that is not an LLM, even when its id was stored', () => {
    const start = startingModel(catalog, laptop, 'all-MiniLM-L6-v2');
    expect(start.model.kind).toBe('llm');
    expect(say(start.reason)).toMatch(/^The model chosen before \(all-MiniLM-L6-v2\) is no longer in the catalog\./);
  });
});

import { describe, expect, it } from 'vitest';
import shipped from '../../../models.json';
import { parseCatalog } from '../catalog/load';
import type { Catalog, EmbedderModel } from '../catalog/types';
import type { DeviceCapabilities, GpuCapabilities } from './capabilities';
import { readsLanguage, recommendEmbedder } from './recommend-embedder';
import { wordsFor } from '../i18n/all-catalogs';
import { embedderReasonText } from '../models/reason-words';

const say = (r: Parameters<typeof embedderReasonText>[1]) => embedderReasonText(wordsFor('en'), r);

const catalog = parseCatalog(shipped);
const GiB = 1024 ** 3;
const gpu: GpuCapabilities = {
  isFallbackAdapter: false, shaderF16: true, maxBufferSize: 4 * GiB, maxStorageBufferBindingSize: 2 * GiB,
  features: ['shader-f16'], vendor: 'apple', architecture: 'metal-3', description: '',
};
const device = (deviceMemoryGB: number | null, g: GpuCapabilities | null): DeviceCapabilities => ({
  gpu: g, deviceMemoryGB, hardwareConcurrency: 8, storage: { quotaBytes: 10 * GiB, usageBytes: 0 }, crossOriginIsolated: true,
});

/** The device tiers the LLM recommendation has (device/recommend.ts), as the issue names them. */
const TIERS: [string, DeviceCapabilities][] = [
  ['phone, 4 GB, no WebGPU', device(4, null)],
  ['laptop, 8 GB, WebGPU with shader-f16', device(8, gpu)],
  ['laptop, 16 GB, WebGPU without shader-f16', device(16, { ...gpu, shaderF16: false, features: [] })],
  ['strong device, 32 GB, WebGPU', device(32, gpu)],
  ['browser that does not say its memory', device(null, null)],
];

describe('recommendEmbedder, per device tier', () => {
  for (const [tier, caps] of TIERS) {
    it(`${tier}: a German browser gets the multilingual embedder, and the reason says why`, () => {
      const { model, reason, language } = recommendEmbedder(catalog, caps, { browserLanguage: 'de-DE' });
      expect(model.id).toBe('multilingual-e5-small');
      expect(language).toBe('de');
      expect(say(reason)).toBe("Hearth recommends multilingual-e5-small (100 languages) because your browser's language is German; all-MiniLM-L6-v2 (English) reads English only.");
    });

    it(`${tier}: a Japanese browser gets the multilingual embedder`, () => {
      const { model, reason } = recommendEmbedder(catalog, caps, { browserLanguage: 'ja' });
      expect(model.id).toBe('multilingual-e5-small');
      expect(say(reason)).toMatch(/because your browser's language is Japanese;/);
    });

    it(`${tier}: an English browser with English documents keeps the small English embedder`, () => {
      const { model, reason } = recommendEmbedder(catalog, caps, { browserLanguage: 'en-US', documents: null });
      expect(model.id).toBe('all-MiniLM-L6-v2');
      expect(say(reason)).toBe('Hearth uses all-MiniLM-L6-v2 (English) because your browser and your documents are in English, and it is the smallest download.');
    });
  }
});

describe('recommendEmbedder, by the documents and the device', () => {
  it("goes by the documents' language when the browser is English", () => {
    const one = recommendEmbedder(catalog, device(8, gpu), { browserLanguage: 'en-GB', documents: { language: 'ja', documents: 1 } });
    expect(one.model.id).toBe('multilingual-e5-small');
    expect(say(one.reason)).toMatch(/because one of your documents is in Japanese;/);
    const many = recommendEmbedder(catalog, device(8, gpu), { browserLanguage: 'en', documents: { language: 'de', documents: 3 } });
    expect(say(many.reason)).toMatch(/because 3 of your documents are in German;/);
  });

  it('the browser language decides before the documents', () => {
    const r = recommendEmbedder(catalog, device(8, gpu), { browserLanguage: 'fr-CA', documents: { language: 'ja', documents: 5 } });
    expect(r.language).toBe('fr');
    expect(say(r.reason)).toMatch(/French/);
  });

  it('a browser that names no language is taken as English', () => {
    expect(recommendEmbedder(catalog, device(8, gpu), {}).model.id).toBe('all-MiniLM-L6-v2');
  });

  it('on a device too small for two copies of the multilingual model, keeps the English one and says what that costs', () => {
    const { model, reason } = recommendEmbedder(catalog, device(0.5, null), { browserLanguage: 'de' });
    expect(model.id).toBe('all-MiniLM-L6-v2');
    expect(say(reason)).toBe('multilingual-e5-small (100 languages) reads German, but it needs about 300 MB, which this device (0.5 GB) cannot spare: Hearth uses all-MiniLM-L6-v2 (English), so passages in German are found by their words rather than by their meaning.');
    // 1 GB is the smallest memory Chrome reports above that, and two copies fit there.
    expect(recommendEmbedder(catalog, device(1, null), { browserLanguage: 'de' }).model.id).toBe('multilingual-e5-small');
  });

  it('says so when no embedder of the catalog reads the language', () => {
    const englishOnly: Catalog = { ...catalog, models: catalog.models.filter((m) => m.id !== 'multilingual-e5-small') };
    const { model, reason } = recommendEmbedder(englishOnly, device(8, gpu), { browserLanguage: 'ja-JP' });
    expect(model.id).toBe('all-MiniLM-L6-v2');
    expect(say(reason)).toMatch(/^No embedding model in the catalog reads Japanese: Hearth uses all-MiniLM-L6-v2 \(English\)/);
  });

  it("uses the catalog's default when that one reads the language already", () => {
    const multilingualDefault: Catalog = { ...catalog, defaults: { ...catalog.defaults, embedder: 'multilingual-e5-small' } };
    const { model, reason } = recommendEmbedder(multilingualDefault, device(8, gpu), { browserLanguage: 'de' });
    expect(model.id).toBe('multilingual-e5-small');
    expect(say(reason)).toBe("Hearth uses multilingual-e5-small (100 languages) because your browser's language is German.");
  });
});

describe('the catalog embedders', () => {
  const e5 = catalog.models.find((m): m is EmbedderModel => m.id === 'multilingual-e5-small' && m.kind === 'embedder');
  it("multilingual-e5-small lists XLM-R's languages, German and Japanese among them; MiniLM lists none (English)", () => {
    expect(e5 && ['de', 'ja', 'zh', 'ar', 'en', 'nb'].every((l) => readsLanguage(e5, l))).toBe(true);
    expect(e5?.languages).toHaveLength(95);
    const minilm = catalog.models.find((m): m is EmbedderModel => m.id === 'all-MiniLM-L6-v2' && m.kind === 'embedder');
    expect(minilm && readsLanguage(minilm, 'de')).toBe(false);
  });
});

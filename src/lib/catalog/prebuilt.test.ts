/**
 * The web-llm records in models.json are copies of web-llm's own prebuilt records. When the installed
 * web-llm moves to new model libraries (a new `modelVersion`), this test says which records to update.
 */
import { modelLibURLPrefix, modelVersion, prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import shipped from '../../../models.json';
import { parseCatalog } from './load';
import type { WebLlmModel } from './types';
import { webLlmLibUrl, webLlmModelUrl } from './urls';

const catalog = parseCatalog(shipped);
const webllm = catalog.models.filter((m): m is WebLlmModel => m.engine === 'webllm');

describe('web-llm records match the installed web-llm', () => {
  it('use the library folder of this web-llm version', () => {
    expect(catalog.libBaseUrl).toBe(`${modelLibURLPrefix}${modelVersion}/`);
  });

  it.each(webllm.map((m) => [m.id, m] as const))('%s', (id, model) => {
    const record = prebuiltAppConfig.model_list.find((r) => r.model_id === id);
    expect(record, `${id} is not a prebuilt web-llm model`).toBeDefined();
    if (!record) return;
    expect(webLlmModelUrl(catalog.modelBaseUrl, model)).toBe(`${record.model}/resolve/main/`);
    expect(webLlmLibUrl(catalog.libBaseUrl, model)).toBe(record.model_lib);
    expect(model.memoryMB).toBe(record.vram_required_MB);
    expect(model.lowResource).toBe(record.low_resource_required);
    expect(model.contextLength).toBe(record.overrides?.context_window_size);
    // Ours may add shader-f16 for f16 models web-llm's list leaves unmarked; it never drops one.
    for (const feature of record.required_features ?? []) expect(model.requiredFeatures).toContain(feature);
  });
});

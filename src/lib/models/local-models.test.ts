import { describe, expect, it } from 'vitest';
import type { Catalog, LocalModel, WllamaModel } from '../catalog/types';
import { readLocalModels, withLocalModels, writeLocalModels } from './local-models';

const gguf = (id: string, name = id): WllamaModel => ({
  id, name, kind: 'llm', engine: 'wllama', repo: `imported/${id}`, revision: 'main', file: `${name}.gguf`, quantization: 'Q4_0',
  downloadSizeMB: 1, memoryMB: 2, contextLength: 512, requiredFeatures: [], license: 'unknown (imported)', sourceUrl: '',
});
const local = (id: string): LocalModel => ({ model: gguf(id), origin: `${id}.gguf`, sizeBytes: 1000, importedAt: 1 });
const catalog = { version: 1, modelBaseUrl: 'http://m/', libBaseUrl: 'http://m/libs/', defaults: { llm: 'a', llmWasm: 'a', embedder: 'e' }, models: [gguf('a')] } as Catalog;

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe('local model list', () => {
  it('round-trips through storage', () => {
    const storage = memoryStorage();
    writeLocalModels([local('local-1'), local('local-2')], storage);
    expect(readLocalModels(storage).map((l) => l.model.id)).toEqual(['local-1', 'local-2']);
  });

  it('drops damaged entries and survives broken JSON', () => {
    const storage = memoryStorage();
    storage.setItem('hearth.localModels', JSON.stringify([local('local-1'), { model: { id: 'stories' } }, 42, local('not-local')]));
    expect(readLocalModels(storage).map((l) => l.model.id)).toEqual(['local-1']);
    storage.setItem('hearth.localModels', '{oops');
    expect(readLocalModels(storage)).toEqual([]);
  });
});

describe('withLocalModels', () => {
  it('appends imported models after the catalog models', () => {
    const merged = withLocalModels(catalog, [local('local-1')]);
    expect(merged.models.map((m) => m.id)).toEqual(['a', 'local-1']);
    expect(merged.defaults).toEqual(catalog.defaults);
  });

  it('never lets an import replace a catalog model or appear twice', () => {
    const clash: LocalModel = { ...local('local-1'), model: { ...gguf('a'), name: 'impostor' } };
    const merged = withLocalModels(catalog, [clash, local('local-1'), local('local-1')]);
    expect(merged.models.map((m) => `${m.id}:${m.name}`)).toEqual(['a:a', 'local-1:local-1']);
  });

  it('returns the catalog itself when nothing is imported', () => {
    expect(withLocalModels(catalog, [])).toBe(catalog);
  });
});

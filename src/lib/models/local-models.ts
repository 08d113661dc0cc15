/**
 * The list of models imported from disk, kept in localStorage so it is there before anything loads
 * (the chosen model may be one of them), and merged into the catalog the app shows and chooses from.
 * The files themselves are in the LLM worker's storage; this list only describes them.
 */
import type { Catalog, LlmModel, LocalModel } from '../catalog/types';
import { isLocalModelId } from './sources';

const KEY = 'hearth.localModels';

function isLocalModel(value: unknown): value is LocalModel {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<LocalModel>;
  const m = v.model;
  return (
    typeof m === 'object' && m !== null &&
    typeof m.id === 'string' && isLocalModelId(m.id) &&
    m.kind === 'llm' && (m.engine === 'wllama' || m.engine === 'webllm') &&
    typeof m.name === 'string' && typeof m.contextLength === 'number' &&
    typeof v.sizeBytes === 'number' && typeof v.origin === 'string'
  );
}

/** The stored list; entries that are damaged or from another version are left out. */
export function readLocalModels(storage: Pick<Storage, 'getItem'> = localStorage): LocalModel[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isLocalModel) : [];
  } catch {
    return [];
  }
}

export function writeLocalModels(models: LocalModel[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(KEY, JSON.stringify(models));
}

/** The catalog with the imported models appended (a catalog model with the same id wins). */
export function withLocalModels(catalog: Catalog, locals: LocalModel[]): Catalog {
  const ids = new Set(catalog.models.map((m) => m.id));
  const extra: LlmModel[] = [];
  for (const { model } of locals) {
    if (ids.has(model.id)) continue; // also drops a second copy of the same import
    ids.add(model.id);
    extra.push(model);
  }
  return extra.length === 0 ? catalog : { ...catalog, models: [...catalog.models, ...extra] };
}

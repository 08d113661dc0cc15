/**
 * Which model to start with: the one the person chose (stored in the settings) while the catalog (or
 * the list of imported models) still has it, else the device's recommendation. A stored choice the
 * catalog no longer has (a model dropped from models.json, an organization's catalog that changed, an
 * imported model deleted in another window) falls back to the recommendation, and the sentence says so.
 * The stored choice itself is kept: a catalog that offers the model again gets it back.
 */
import type { Catalog, LlmModel } from '../catalog/types';
import type { DeviceCapabilities } from '../device/capabilities';
import { recommendLlm } from '../device/recommend';
import type { LlmReason } from '../device/reasons';

export interface StartingModel {
  model: LlmModel;
  /** Their choice, or why this one (models/reason-words.ts says it). */
  reason: LlmReason;
  /** A recommendation's same model on the other CPU engine, tried should this one fail to load. */
  fallback?: LlmModel;
}

/** The catalog's LLM with this id (the catalog given already holds imported models), or undefined. */
export function findLlm(catalog: Catalog, id: string): LlmModel | undefined {
  return catalog.models.find((m): m is LlmModel => m.id === id && m.kind === 'llm');
}

export function startingModel(catalog: Catalog, caps: DeviceCapabilities, chosenId: string | null, browserLanguage?: string): StartingModel {
  const chosen = chosenId ? findLlm(catalog, chosenId) : undefined;
  if (chosen) return { model: chosen, reason: { code: 'chosen' } };
  const recommended = recommendLlm(catalog, caps, browserLanguage);
  if (!chosenId) return recommended;
  return { ...recommended, reason: { code: 'gone', chosenId, then: recommended.reason } };
}

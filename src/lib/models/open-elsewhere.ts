/**
 * When another Hearth window already has a language model open, may this window open one too?
 *
 * - WebGPU: ask, whenever another window has a WebGPU model open. The browser does not tell how much
 *   memory the GPU has (`deviceMemory` is the system's, rounded and capped), web-llm reserves its whole
 *   KV cache up front, and a GPU that runs out of memory loses its device, which stops the model in
 *   both windows. "Load here too" is offered only when both fit the device's memory budget.
 * - CPU (wllama): load without asking while every open model together fits the memory budget (two
 *   copies of a small GGUF are usually fine: each window's WASM memory is its own and is freed with
 *   the window); ask only when they would not fit, and then offer no "load here too".
 *
 * The memory figures are the catalog's `memoryMB` and `memoryBudgetMB` of the device check.
 */
import type { LlmModel } from '../catalog/types';

/** A model open (loaded, or being loaded) in some Hearth window. */
export interface OpenModel {
  modelId: string;
  engine: LlmModel['engine'];
  memoryMB: number;
}

export interface OpenElsewhereVerdict {
  /** True when this window should ask before loading. */
  ask: boolean;
  /** Whether "load here too" makes sense (memory for every open model and this one). */
  canLoadHereToo: boolean;
}

/**
 * @param model what this window would load
 * @param others the models open in the other windows (one entry per window)
 * @param budgetMB the memory Hearth's models may take together on this device
 */
export function judgeOpenElsewhere(model: Pick<OpenModel, 'engine' | 'memoryMB'>, others: OpenModel[], budgetMB: number): OpenElsewhereVerdict {
  if (others.length === 0) return { ask: false, canLoadHereToo: false };
  const fits = others.reduce((sum, o) => sum + o.memoryMB, model.memoryMB) <= budgetMB;
  if (model.engine === 'webllm') return { ask: fits ? others.some((o) => o.engine === 'webllm') : true, canLoadHereToo: fits };
  return { ask: !fits, canLoadHereToo: false };
}

/** What the page offers when a load was refused because models are open in other windows. */
export interface ElsewhereChoices {
  /** The models open elsewhere, by name where the catalog knows them. */
  names: string[];
  /** Ids to ask the other windows to let go of ("move it here"). */
  modelIds: string[];
  canLoadHereToo: boolean;
  /** The other windows were asked to let go, and this one waits for them. */
  moving: boolean;
}

/**
 * The choices for `model` given what is open elsewhere.
 * @param nameOf the catalog name of a model id (imported models of other windows may be unknown here)
 */
export function choicesFor(model: Pick<OpenModel, 'engine' | 'memoryMB'>, others: OpenModel[], budgetMB: number, nameOf: (id: string) => string): ElsewhereChoices {
  const ids = [...new Set(others.map((o) => o.modelId))];
  return { names: ids.map(nameOf), modelIds: ids, canLoadHereToo: judgeOpenElsewhere(model, others, budgetMB).canLoadHereToo, moving: false };
}

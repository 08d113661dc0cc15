/**
 * Which switch turns a model's thinking off. Reasoning models answer better for Hearth without a long
 * thinking preamble: the answer must come from the passages, fast, on a small device. A catalog
 * record may say so itself (`thinking`); otherwise the family decides: Qwen3 and Qwen3.5 (hybrid
 * thinking models, on by default) have their chat template's `enable_thinking` flag; the other
 * families in the catalog (Qwen2.5, Llama 3.2, Gemma, Phi, SmolLM2, LFM2) do not think.
 */
import type { LlmModel, ThinkingSwitch } from './types';

/** "Qwen3-1.7B…", "Qwen3.5-2B…", "unsloth/Qwen3-0.6B-GGUF", a local "qwen3-0.6b-q4_k_m.gguf" (not "Qwen2.5"). */
const QWEN3_FAMILY = /(^|[/\s_-])qwen3(\.\d+)?([-_.\s]|$)/i;

/** The family's switch, from what names the model: its id, repo, name and GGUF file (an imported model has only the last two). */
export function familyThinkingSwitch(model: Pick<LlmModel, 'id' | 'repo' | 'name'> & { file?: string }): ThinkingSwitch {
  return [model.id, model.repo, model.name, model.file ?? ''].some((name) => QWEN3_FAMILY.test(name)) ? 'enable_thinking' : 'none';
}

/** The catalog's word when it has one, else the family's. */
export function thinkingSwitchOf(model: LlmModel): ThinkingSwitch {
  return model.thinking ?? familyThinkingSwitch(model);
}

/**
 * What the engines add to each request for the loaded model: the switch that keeps a reasoning model
 * (Qwen3, Qwen3.5) from thinking at length before it answers. Everything else about the prompt is
 * the model's own: web-llm frames the messages with the conv_template of the model's
 * mlc-chat-config.json and stops at its stop tokens; llama.cpp (in wllama) renders the GGUF's own
 * Jinja chat template and stops at the model's end-of-generation tokens. Only a GGUF without a chat
 * template (a base model) gets Hearth's plain prompt (wllama.ts).
 */
import { familyThinkingSwitch, thinkingSwitchOf } from '../../src/lib/catalog/thinking-switch';
import type { LlmModel, ThinkingSwitch, WllamaModel } from '../../src/lib/catalog/types';

/** The template variable Qwen's chat templates read: false puts an empty thinking block in the prompt. */
export const THINKING_OFF = { enable_thinking: false } as const;

/**
 * web-llm's `extra_body` for this model: `enable_thinking: false` makes web-llm start the reply with
 * the empty "<think>\n\n</think>\n\n" block (its documentation: "only allowed to be used for Qwen3
 * models"), so it is sent to models with that switch alone.
 */
export function webLlmExtraBody(model: LlmModel): typeof THINKING_OFF | undefined {
  return thinkingSwitchOf(model) === 'enable_thinking' ? THINKING_OFF : undefined;
}

/**
 * The switch for a GGUF: the catalog's word, else whether its own chat template reads
 * `enable_thinking` (so an imported Qwen3 GGUF is covered too), else its family.
 */
export function ggufThinkingSwitch(model: WllamaModel, template: string | null): ThinkingSwitch {
  if (model.thinking) return model.thinking;
  if (template?.includes('enable_thinking')) return 'enable_thinking';
  return familyThinkingSwitch(model);
}

/** llama.cpp's `chat_template_kwargs` for a chat request to this GGUF (undefined: none needed). */
export function chatTemplateKwargs(model: WllamaModel, template: string | null): typeof THINKING_OFF | undefined {
  return ggufThinkingSwitch(model, template) === 'enable_thinking' ? THINKING_OFF : undefined;
}

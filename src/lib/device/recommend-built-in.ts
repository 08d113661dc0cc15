/**
 * When the browser's own model is picked over the device's recommendation (recommend.ts). It is
 * always offered where the browser has it; it is picked only when all of these hold:
 * - it is already on the device ("available"): nothing to download, no consent to ask for;
 * - it handles the person's language;
 * - Hearth's own pick would run on the CPU (no usable WebGPU): a model of at most ~0.5B parameters
 *   in WASM, at a few tokens per second. The browser runs its model in its own native runtime, and
 *   Chrome makes it available only on devices that meet its bar (more than 4 GB of GPU memory, or
 *   16 GB of memory and 4 cores).
 * With a usable GPU, Hearth's WebGPU pick has published quality figures and the browser's model has
 * none (Chrome publishes none for its model), so the built-in one is offered, not picked.
 */
import type { AnswerModel } from '../catalog/types';
import type { BuiltInOffer } from '../llm/built-in/offer';
import { primaryLanguage, type Recommendation } from './recommend';
import type { LlmReason } from './reasons';

export function preferBuiltIn(recommended: Recommendation, offer: BuiltInOffer, browserLanguage?: string): { model: AnswerModel; reason: LlmReason } {
  if (offer.status !== 'available' || recommended.model.engine === 'webllm') return recommended;
  const language = primaryLanguage(browserLanguage);
  if (!offer.model.languages.includes(language)) return recommended;
  return { model: offer.model, reason: { code: 'built-in', own: recommended.model.name, language: language === 'en' ? null : language } };
}

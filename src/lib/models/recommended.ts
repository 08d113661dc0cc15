/**
 * Which model the Models dialog marks "Recommended", and the facts of its one plain sentence: where
 * it runs (the graphics chip, the processor, or the browser's own model) and whether it speaks the
 * person's language. The same choice Hearth starts with when nothing is chosen (models/choice.ts).
 */
import type { AnswerModel, Catalog } from '../catalog/types';
import type { DeviceCapabilities } from '../device/capabilities';
import { primaryLanguage, recommendLlm } from '../device/recommend';
import { preferBuiltIn } from '../device/recommend-built-in';
import type { BuiltInOffer } from '../llm/built-in/offer';

export interface Recommended {
  model: AnswerModel;
  /** Where it runs; on the processor, why not on the graphics chip: no WebGPU, a software one, or no GPU model fits. */
  why: 'gpu' | 'cpu-no-gpu' | 'cpu-software' | 'cpu-no-fit' | 'built-in';
  /** The person's language (ISO 639-1), or null when it is English. */
  language: string | null;
  /** Whether the model speaks that language (true when it is English). */
  speaks: boolean;
}

export function recommendedFor(catalog: Catalog, caps: DeviceCapabilities, offer: BuiltInOffer, browserLanguage?: string): Recommended {
  const pick = preferBuiltIn(recommendLlm(catalog, caps, browserLanguage), offer, browserLanguage).model;
  const language = primaryLanguage(browserLanguage);
  const languages = pick.engine === 'prompt-api' ? pick.languages : (pick.languages ?? ['en']);
  return {
    model: pick,
    why: pick.engine === 'prompt-api' ? 'built-in' : pick.engine === 'webllm' ? 'gpu' : caps.gpu === null ? 'cpu-no-gpu' : caps.gpu.isFallbackAdapter ? 'cpu-software' : 'cpu-no-fit',
    language: language === 'en' ? null : language,
    speaks: language === 'en' || languages.includes(language),
  };
}

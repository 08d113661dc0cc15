/**
 * Whether Hearth offers the browser's own model, and what it tells the person about it: a pure
 * function of what the browser answered (detect.ts), so every state is tested without a browser.
 *
 * - no Prompt API: nothing is offered and nothing is said (most browsers);
 * - "unavailable": not offered, with a sentence saying the browser has one that cannot run here;
 * - "downloadable" / "downloading": offered, with a sentence saying what choosing it means (the
 *   browser downloads its model itself, once, from its maker, not from Hearth's model sources);
 * - "available": offered; nothing to download.
 */
import type { PromptApiModel } from '../../catalog/types';
import type { PromptApiProbe } from './detect';

export const BUILT_IN_MODEL_ID = 'browser-built-in';

export type OfferedStatus = 'downloadable' | 'downloading' | 'available';

export type BuiltInOffer =
  | { status: 'absent' }
  | { status: 'unavailable'; sentence: string }
  | { status: OfferedStatus; model: PromptApiModel; sentence: string };

/** Chrome's documented needs for its model (developer.chrome.com/docs/ai/get-started, "Hardware"). */
const CHROME_NEEDS =
  'Chrome offers it on desktop Windows, macOS, Linux and Chromebook Plus with at least 22 GB of free disk space and more than 4 GB of GPU memory (or 16 GB of memory and 4 CPU cores), unless a setting or policy switches it off';

export const OFFER_SENTENCES = {
  unavailable: `This browser has a built-in language model, but says it cannot run on this device (${CHROME_NEEDS}). Hearth's own models below work without it.`,
  downloadable:
    "The browser can download its own language model (Gemini Nano, in Chrome) for Hearth to use. It downloads it once, by itself, from its maker (Google, for Chrome), not from Hearth's model sources, and keeps it for every site that uses it. Chrome's documentation gives no fixed size (it changes with updates; chrome://on-device-internals shows it) and asks for at least 22 GB of free disk space. Nothing is downloaded unless you choose to.",
  downloading:
    "The browser is already downloading its own language model, from its maker (Google, for Chrome), not from Hearth's model sources. Choose it to follow the download here; Hearth uses it once the download is done.",
  available: "Already on this device, kept by the browser: nothing to download. It runs in the browser's own runtime, on your device.",
} as const satisfies Record<Exclude<BuiltInOffer['status'], 'absent'>, string>;

/** The catalog entry of the browser's model, as the browser describes it. */
export function builtInModel(probe: PromptApiProbe): PromptApiModel {
  return {
    id: BUILT_IN_MODEL_ID,
    name: 'Built-in browser model',
    kind: 'llm',
    engine: 'prompt-api',
    contextLength: null,
    languages: Object.entries(probe.byLanguage).filter(([, availability]) => availability !== 'unavailable').map(([language]) => language),
    expectedLanguages: [...probe.expected],
    license: "the browser's terms (Chrome: Google's Generative AI Prohibited Uses Policy)",
    sourceUrl: 'https://developer.chrome.com/docs/ai/prompt-api',
  };
}

/** What to offer, given what the browser answered (null: it has no Prompt API). */
export function builtInOffer(probe: PromptApiProbe | null): BuiltInOffer {
  if (!probe) return { status: 'absent' };
  const status = probe.overall;
  if (status === 'unavailable') return { status, sentence: OFFER_SENTENCES.unavailable };
  return { status, model: builtInModel(probe), sentence: OFFER_SENTENCES[status] };
}

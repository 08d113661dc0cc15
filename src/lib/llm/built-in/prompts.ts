/**
 * Hearth's chat messages as a Prompt API session takes them. The spec allows a system message only
 * as the very first message a session gets, so the system rules and the earlier turns go to
 * `create()` as `initialPrompts` (never dropped when the context fills), and the question is the
 * `promptStreaming()` input. The browser applies its model's own chat template to both.
 */
import { appError } from '../../errors';
import type { ChatMessage } from '../../../../workers/llm.protocol';
import type { LanguageModelMessage, SamplingMode } from './api';

export interface SessionPrompts {
  initialPrompts: LanguageModelMessage[];
  input: string;
}

/**
 * @throws AppError GENERATION_FAILED when a system message comes after another kind, or the last
 *   message is not the user's (the worker's engines accept neither either).
 */
export function sessionPrompts(messages: readonly ChatMessage[]): SessionPrompts {
  const last = messages.at(-1);
  if (!last || last.role !== 'user') throw appError('GENERATION_FAILED', { detail: 'invalid request: the last message must be the question (role "user")' });
  const firstOther = messages.findIndex((m) => m.role !== 'system');
  if (messages.slice(firstOther).some((m) => m.role === 'system')) {
    throw appError('GENERATION_FAILED', { detail: 'invalid request: a system message after the conversation started' });
  }
  const system = messages.slice(0, firstOther).map((m) => m.content).join('\n\n');
  const turns = messages.slice(firstOther, -1).map(({ role, content }) => ({ role, content }));
  return { initialPrompts: [...(system ? [{ role: 'system' as const, content: system }] : []), ...turns], input: last.content };
}

/**
 * Pages cannot set the browser model's temperature (the raw `temperature` / `topK` options are for
 * extensions); the spec's `samplingMode` presets are the page's way to ask for more or less variety.
 * Browsers that do not know the option ignore it.
 */
export function samplingModeFor(temperature: number): SamplingMode {
  if (temperature <= 0.05) return 'most-predictable';
  if (temperature < 0.5) return 'predictable';
  if (temperature < 1) return 'balanced';
  if (temperature < 1.5) return 'creative';
  return 'most-creative';
}

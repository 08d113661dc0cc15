/** What a model's progress bar says it is doing, from the phase the LLM worker reports (or the page's own). */
import type { Words } from '../i18n/translate';
import type { LoadPhase } from '../../../workers/llm.protocol';

/** The worker's phases, and the page's own: 'starting' before the first report, 'browser' while the browser downloads its model. */
export type ProgressPhase = LoadPhase | 'starting' | 'browser';

/** Phases whose bytes come from the network now: speed and time left make sense. */
export function fromNetwork(phase: ProgressPhase): boolean {
  return phase === 'download' || phase === 'elsewhere';
}

export function loadPhaseText(w: Words, phase: ProgressPhase): string {
  return w.t(`progress.load.${phase}`);
}

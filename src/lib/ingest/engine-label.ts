/** Where a file's passages are being embedded and how fast, in words: "Embedding on the GPU · 120 passages/s". */
import type { EmbedDevice } from '../device/embed-policy';
import { fixedDigits } from '../i18n/number-format';
import type { Words } from '../i18n/translate';

export interface EngineView {
  stage: string;
  device: EmbedDevice | null;
  passagesPerSecond: number | null;
}

/** Whole numbers from 10 up, one decimal below ("120", "8.5", "8,5"). */
function rate(perSecond: number, locale: string): string {
  const digits = perSecond >= 10 ? 0 : 1;
  return fixedDigits(perSecond, digits, locale);
}

/** The line under a file that is being embedded; null in every other stage. */
export function engineLabel(w: Words, v: EngineView): string | null {
  if (v.stage !== 'embedding' || !v.device) return null;
  const text = w.t(`progress.engine.${v.device}`);
  return v.passagesPerSecond !== null && v.passagesPerSecond > 0 ? w.t('progress.engine.rate', { text, rate: rate(v.passagesPerSecond, w.locale) }) : text;
}

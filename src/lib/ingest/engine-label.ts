/** Where a file's passages are being embedded and how fast, in words: "Embedding on the GPU · 120 passages/s". */
import type { EmbedDevice } from '../device/embed-policy';

export interface EngineView {
  stage: string;
  device: EmbedDevice | null;
  passagesPerSecond: number | null;
}

/** Whole numbers from 10 up, one decimal below ("120", "8.5"). */
function rate(perSecond: number): string {
  return perSecond >= 10 ? Math.round(perSecond).toLocaleString('en') : perSecond.toFixed(1);
}

/** The line under a file that is being embedded; null in every other stage. */
export function engineLabel(v: EngineView): string | null {
  if (v.stage !== 'embedding' || !v.device) return null;
  const text = `Embedding on the ${v.device === 'webgpu' ? 'GPU' : 'CPU'}`;
  return v.passagesPerSecond !== null && v.passagesPerSecond > 0 ? `${text} · ${rate(v.passagesPerSecond)} passages/s` : text;
}

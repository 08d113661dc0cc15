/**
 * While another Hearth window downloads a model this one waits for, report what that window has
 * stored so far: the bytes are in shared storage (OPFS, Cache Storage), so reading their size is all
 * the "progress" there is to see. A read that fails (a file being renamed) is skipped, not reported.
 */
import type { ProgressReport } from '../engines/engine';

const EVERY_MS = 400;

export interface StoredBytes {
  loadedBytes: number;
  totalBytes: number;
}

/**
 * Start reporting; returns the function that stops (safe to call more than once).
 * @param read what is stored now; a rejection skips one report.
 */
export function watchElsewhere(read: () => Promise<StoredBytes>, report: (progress: ProgressReport) => void, everyMs = EVERY_MS): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    const seen = await read().catch(() => null);
    if (stopped) return;
    if (seen) report({ ...seen, phase: 'elsewhere' });
    timer = setTimeout(() => void tick(), everyMs);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * Why the app could not be cached for offline use: lack of space, or something else. The service
 * worker says why itself (install-outcome.ts); this guess is the last resort, for a failure the
 * worker could not report (a worker script that did not even load). It asks: does the browser report
 * too little room for the app's copy, or refuse even a small write to Cache Storage? (Chromium
 * enforces a quota set through DevTools on writes without reporting it in estimate(), so both are asked.)
 */

/** About what the service worker precaches (the app shell, the ORT and llama.cpp runtimes, pdf.js data), with room to spare. */
export const APP_CACHE_BYTES = 64 * 1024 * 1024;
const PROBE_BYTES = 1024 * 1024;
const PROBE_CACHE = 'hearth-space-probe';

export type OfflineCacheProblem = 'space' | 'failed';

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

/** True when a 1 MB write to Cache Storage is refused for lack of room (the probe is removed again). */
async function smallWriteRefused(): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  try {
    const cache = await caches.open(PROBE_CACHE);
    await cache.put('/__hearth-space-probe', new Response(new Uint8Array(PROBE_BYTES)));
    return false;
  } catch (error) {
    return isQuotaError(error);
  } finally {
    await caches.delete(PROBE_CACHE).catch(() => false);
  }
}

export async function offlineCacheProblem(manager: Pick<StorageManager, 'estimate'> | undefined = navigator.storage): Promise<OfflineCacheProblem> {
  try {
    const estimate = await manager?.estimate();
    if (estimate?.quota !== undefined && estimate.quota - (estimate.usage ?? 0) < APP_CACHE_BYTES) return 'space';
  } catch {
    // no estimate: the probe below still tells
  }
  return (await smallWriteRefused()) ? 'space' : 'failed';
}

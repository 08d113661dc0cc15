/**
 * How the service worker tells the pages why it could not save the app for offline use. It says so on
 * the 'hearth-sw' BroadcastChannel the moment its install fails, and also keeps the reason in a tiny
 * cache entry for a page that was not listening yet (opened later, or still starting); a successful
 * install clears it. Used by both sides: src/sw.ts and src/lib/pwa/register.ts.
 */

export const SW_CHANNEL = 'hearth-sw';
const OUTCOME_CACHE = 'hearth-install-outcome';
const OUTCOME_URL = '/__hearth/install-outcome';

/** 'space': the browser refused to store the app's files for lack of room; 'failed': anything else. */
export type InstallFailure = 'space' | 'failed';

export interface InstallFailedMessage {
  type: 'install-failed';
  reason: InstallFailure;
}

export function isInstallFailedMessage(data: unknown): data is InstallFailedMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type, reason } = data as { type?: unknown; reason?: unknown };
  return type === 'install-failed' && (reason === 'space' || reason === 'failed');
}

/** Why a precache failed, from the error it failed with. */
export function failureReason(error: unknown): InstallFailure {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return name === 'QuotaExceededError' ? 'space' : 'failed';
}

/** Keep the reason for pages that open later. A few bytes: they fit once the partial copy was removed. */
export async function keepOutcome(reason: InstallFailure): Promise<void> {
  const cache = await caches.open(OUTCOME_CACHE);
  await cache.put(OUTCOME_URL, Response.json({ type: 'install-failed', reason } satisfies InstallFailedMessage));
}

export async function readOutcome(): Promise<InstallFailure | null> {
  if (typeof caches === 'undefined') return null;
  try {
    const response = await (await caches.open(OUTCOME_CACHE)).match(OUTCOME_URL);
    const data: unknown = response ? await response.json() : null;
    return isInstallFailedMessage(data) ? data.reason : null;
  } catch {
    return null;
  }
}

export function clearOutcome(): Promise<boolean> {
  return caches.delete(OUTCOME_CACHE);
}

/**
 * Will a download fit? Compares the bytes still to fetch with what `navigator.storage.estimate()`
 * says is left, keeping a small margin (a write that lands exactly on the quota fails, and the
 * download also writes a few bookkeeping bytes).
 */
import { appError, type AppError } from '../../src/lib/errors';
import { formatBytes } from '../../src/lib/models/format';

export interface StorageFacts {
  quota?: number | undefined;
  usage?: number | undefined;
}

/** Kept free on top of the download: 64 KiB plus 1 % of it. */
export function marginFor(neededBytes: number): number {
  return 64 * 1024 + Math.ceil(neededBytes * 0.01);
}

/** Bytes the browser still gives this origin, or null when it does not say. */
export function freeBytes(estimate: StorageFacts): number | null {
  if (typeof estimate.quota !== 'number' || !Number.isFinite(estimate.quota)) return null;
  return Math.max(0, estimate.quota - (estimate.usage ?? 0));
}

/**
 * Null when `neededBytes` fit, else a STORAGE_FULL error whose message says how much is needed,
 * how much is left and what to do about it.
 */
export function checkRoom(modelName: string, neededBytes: number, estimate: StorageFacts): AppError | null {
  if (neededBytes <= 0) return null;
  const free = freeBytes(estimate);
  if (free === null) return null; // the browser does not say: try, and handle QuotaExceededError
  if (neededBytes + marginFor(neededBytes) <= free) return null;
  return appError('STORAGE_FULL', {
    message: storageFullMessage(modelName, neededBytes, free),
    detail: `needed ${neededBytes} bytes, free ${free} of quota ${estimate.quota ?? '?'}`,
  });
}

function storageFullMessage(modelName: string, neededBytes: number, freeBytesLeft: number): string {
  return (
    `${modelName} needs ${formatBytes(neededBytes)} of storage, but the browser gives Hearth only ` +
    `${formatBytes(freeBytesLeft)} more. Delete models you no longer use (Models → Delete), or free space ` +
    'on this device, then try again.'
  );
}

/** Ask the browser; null facts (no quota) when it cannot say. */
export async function estimateStorage(): Promise<StorageFacts> {
  try {
    return (await navigator.storage?.estimate?.()) ?? {};
  } catch {
    return {};
  }
}

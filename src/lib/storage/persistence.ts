/**
 * Whether the browser promised to keep Hearth's storage (navigator.storage.persisted / persist) and
 * how much room it has (estimate), in words a person reads. A best-effort origin can be cleared when
 * the device runs low on space; a persistent one only when the person clears it.
 */
import { formatBytes } from '../models/format';

/** 'kept': persistent; 'may-clear': best effort; 'unsupported': this browser cannot say or promise. */
export type Persistence = 'kept' | 'may-clear' | 'unsupported';

/** The parts of navigator.storage used here; any may be missing (older browsers, insecure pages). */
export interface StorageManagerLike {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
  estimate?: () => Promise<StorageEstimate>;
}

export interface Space {
  usage: number;
  quota: number;
}

export function storageManager(): StorageManagerLike | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

export async function readPersistence(manager: StorageManagerLike | undefined): Promise<Persistence> {
  if (!manager?.persisted) return 'unsupported';
  try {
    return (await manager.persisted()) ? 'kept' : 'may-clear';
  } catch {
    return 'unsupported';
  }
}

/** Ask the browser to keep the storage. Chromium answers without a prompt (it grants an installed app, a bookmarked or much-used site); Firefox asks the person. */
export async function askToPersist(manager: StorageManagerLike | undefined): Promise<Persistence> {
  if (!manager?.persist) return 'unsupported';
  try {
    return (await manager.persist()) ? 'kept' : 'may-clear';
  } catch {
    return 'may-clear';
  }
}

export async function estimateSpace(manager: StorageManagerLike | undefined): Promise<Space | null> {
  if (!manager?.estimate) return null;
  try {
    const { usage, quota } = await manager.estimate();
    return typeof usage === 'number' && typeof quota === 'number' ? { usage, quota } : null;
  } catch {
    return null;
  }
}

/** "Hearth uses 12 MB of the 10 GB this browser lets it have." */
export function describeSpace(space: Space): string {
  const used = `Hearth uses ${formatBytes(space.usage)}`;
  return space.quota > 0 ? `${used} of the ${formatBytes(space.quota)} this browser lets it have.` : `${used}.`;
}

export const PERSISTENCE_WORDS: Record<Persistence, string> = {
  kept: 'Kept on this device until you delete it.',
  'may-clear': 'Your browser may clear this if the device runs low on space.',
  unsupported: 'This browser does not say whether it keeps this; it may clear it if the device runs low on space.',
};

/** What helps when the browser would not promise to keep the storage. */
export const REFUSED_HELP =
  'The browser did not agree to keep it. Installing Hearth as an app (Install in the address bar or the browser menu, or Add to Home Screen) usually lets it; exporting your documents as a knowledge pack keeps a copy safe either way.';

/**
 * Whether the browser promised to keep Hearth's storage (navigator.storage.persisted / persist) and
 * how much room it has (estimate), in words a person reads. A best-effort origin can be cleared when
 * the device runs low on space; a persistent one only when the person clears it.
 */
import type { Words } from '../i18n/translate';
import { sizeIn } from '../i18n/units';

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

/** "Hearth uses 12 MB of the 10 GB this browser lets it have.", in the reader's language. */
export function describeSpace(w: Words, space: Space): string {
  const used = sizeIn(w, space.usage);
  return space.quota > 0 ? w.t('library.storage.space', { used, quota: sizeIn(w, space.quota) }) : w.t('library.storage.spaceNoQuota', { used });
}

/** What the browser promised, in the reader's language (`refused`: what helps when it would not promise). */
export function persistenceText(w: Words, persistence: Persistence | 'refused'): string {
  return w.t(`library.storage.${persistence}`);
}

/**
 * Noticing that the browser cleared Hearth's storage. A small marker remembers how many documents
 * and conversations the library held; at start, a marker that names some while the stores are empty
 * means they were cleared, and that loss is kept until the person restores a backup or dismisses it.
 *
 * Where the marker lives: localStorage. Under storage pressure Chromium's quota manager evicts a
 * best-effort origin by deleting the data of its quota clients (storage/browser/quota:
 * AllQuotaClientTypes = file system (OPFS), WebSQL, IndexedDB, Cache Storage, service worker
 * registrations, background fetch, media licenses); localStorage is not one of them, so the marker
 * outlives an eviction that takes the library, the originals and the app's offline copy. "Clear site
 * data" clears localStorage too, and then no notice is shown, which is right: the person did it.
 * Firefox counts localStorage in its quota and evicts it with the rest, and Safari's seven-day cap
 * clears it too: there the marker goes with the data and a loss cannot be noticed, only prevented
 * (persistence, backups).
 *
 * The marker holds counts and times only, never a document's name or text.
 */
import type { Words } from '../i18n/translate';

export interface LibraryCounts {
  documents: number;
  conversations: number;
}

export interface LibraryMarker extends LibraryCounts {
  /** When the counts were last written (epoch ms). */
  updatedAt: number;
  /** The browser had promised to keep the storage (navigator.storage.persisted()) when it was written. */
  persisted: boolean;
}

/** What was gone at start: the marker's counts, and when they were last seen and found missing. */
export interface StorageLoss extends LibraryCounts {
  lastSeenAt: number;
  noticedAt: number;
  wasPersisted: boolean;
}

/** The part of localStorage the marker needs (a Map stands in for it in tests). */
export type MarkerStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const MARKER_KEY = 'hearth.libraryMarker';
export const LOSS_KEY = 'hearth.storageLoss';

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

function time(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

function readJson(storage: MarkerStorage, key: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? 'null');
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Write, ignoring a storage that refuses (private modes, a full localStorage): the marker is a help, not a must. */
function writeJson(storage: MarkerStorage, key: string, value: object): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // nothing to do: without a marker, a later loss goes unnoticed, and nothing else breaks
  }
}

/** The marker, or null when there is none or it is not one (a damaged value is ignored). */
export function readMarker(storage: MarkerStorage): LibraryMarker | null {
  const raw = readJson(storage, MARKER_KEY);
  if (!raw) return null;
  const documents = count(raw.documents);
  const conversations = count(raw.conversations);
  const updatedAt = time(raw.updatedAt);
  if (documents === null || conversations === null || updatedAt === null) return null;
  return { documents, conversations, updatedAt, persisted: raw.persisted === true };
}

export function writeMarker(storage: MarkerStorage, counts: LibraryCounts, persisted: boolean, now: number): void {
  const marker: LibraryMarker = { documents: counts.documents, conversations: counts.conversations, updatedAt: now, persisted };
  writeJson(storage, MARKER_KEY, marker);
}

export function readLoss(storage: MarkerStorage): StorageLoss | null {
  const raw = readJson(storage, LOSS_KEY);
  if (!raw) return null;
  const documents = count(raw.documents);
  const conversations = count(raw.conversations);
  const lastSeenAt = time(raw.lastSeenAt);
  const noticedAt = time(raw.noticedAt);
  if (documents === null || conversations === null || lastSeenAt === null || noticedAt === null) return null;
  return { documents, conversations, lastSeenAt, noticedAt, wasPersisted: raw.wasPersisted === true };
}

export function writeLoss(storage: MarkerStorage, loss: StorageLoss): void {
  writeJson(storage, LOSS_KEY, loss);
}

/** Forget a loss (dismissed, or restored from a backup). */
export function forgetLoss(storage: MarkerStorage): void {
  try {
    storage.removeItem(LOSS_KEY);
  } catch {
    // a storage that cannot remove cannot have kept it either
  }
}

/**
 * The loss the marker shows, or null. Only an empty library counts: the browser clears an origin's
 * storage all at once, so some documents left means the person deleted the others (in a tab that
 * closed before it wrote the marker), not an eviction.
 */
export function detectLoss(marker: LibraryMarker | null, now: LibraryCounts, at: number): StorageLoss | null {
  if (!marker || (marker.documents === 0 && marker.conversations === 0)) return null;
  if (now.documents > 0 || now.conversations > 0) return null;
  return { documents: marker.documents, conversations: marker.conversations, lastSeenAt: marker.updatedAt, noticedAt: at, wasPersisted: marker.persisted };
}

/** "1 document and 2 conversations", "3 documents", "1 conversation", in the reader's language. */
export function describeCounts(w: Words, counts: LibraryCounts): string {
  const plural = (count: number) => (new Intl.PluralRules(w.locale).select(count) === 'one' ? 'one' : 'other');
  const parts: string[] = [];
  if (counts.documents > 0) parts.push(w.t(`library.count.documents.${plural(counts.documents)}`, { count: counts.documents }));
  if (counts.conversations > 0) parts.push(w.t(`library.count.conversations.${plural(counts.conversations)}`, { count: counts.conversations }));
  return parts.length === 2 ? w.t('library.count.and', { first: parts[0]!, second: parts[1]! }) : (parts[0] ?? '');
}

/** Why the library is gone, in plain words. */
export function lossReason(w: Words, loss: Pick<StorageLoss, 'wasPersisted'>): string {
  return w.t(loss.wasPersisted ? 'library.eviction.why.persisted' : 'library.eviction.why.bestEffort');
}

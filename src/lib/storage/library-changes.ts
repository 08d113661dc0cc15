/**
 * What changed in the stored library, told to every tab, window and worker of this origin over one
 * BroadcastChannel, so a second Hearth window never lists, searches, cites or shows a document
 * another window deleted, and sees a document another window added within a moment.
 *
 * A change is sent after its IndexedDB transaction committed, so a receiver that reads the stores
 * on receipt sees it. Receivers apply changes idempotently: the tab that made a change applies it
 * itself too (a BroadcastChannel does not deliver to the object that posted).
 */

export const LIBRARY_CHANNEL = 'hearth-library';

export type LibraryChange =
  /** Documents stored (`added`) and deleted (`removed`, including a replaced version). */
  | { kind: 'documents'; added: string[]; removed: string[] }
  /** A conversation was saved, renamed or deleted. */
  | { kind: 'conversations'; id: string }
  /** Every document's vectors now come from this embedder (the library was embedded again with it). */
  | { kind: 'embedder'; embedderId: string };

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Messages come from any script of this origin: check their shape before acting on them. */
export function asLibraryChange(data: unknown): LibraryChange | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (d.kind === 'documents' && isStringArray(d.added) && isStringArray(d.removed)) return { kind: 'documents', added: d.added, removed: d.removed };
  if (d.kind === 'conversations' && typeof d.id === 'string') return { kind: 'conversations', id: d.id };
  if (d.kind === 'embedder' && typeof d.embedderId === 'string' && d.embedderId) return { kind: 'embedder', embedderId: d.embedderId };
  return null;
}

/** Tell every other context of this origin (where BroadcastChannel exists: not in Node). */
export function announce(change: LibraryChange): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(LIBRARY_CHANNEL);
  channel.postMessage(change);
  channel.close();
}

/** Calls `onChange` for every change another context announces; returns the unsubscribe. */
export function onLibraryChange(onChange: (change: LibraryChange) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(LIBRARY_CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    const change = asLibraryChange(event.data);
    if (change) onChange(change);
  };
  return () => channel.close();
}

/**
 * Whether the person's library is safe on this device: whether the browser promised to keep it,
 * how much room Hearth uses and has, and whether the browser cleared it since the last visit (see
 * storage/eviction.ts). It follows what the app stores with `$effect.root`, so no other state needs
 * to call it: each change to the document or conversation list recounts the stores and rewrites
 * the marker.
 *
 * Persistence is asked for when the person first stores something in a visit (a document added, a
 * conversation saved), not on load: Chromium grants it by how the site is used, and Firefox asks
 * the person, who should see why. After that only the "Keep my data" button asks.
 */
import { untrack } from 'svelte';
import { AppError, appError } from '../errors';
import { detectLoss, forgetLoss, readLoss, readMarker, writeLoss, writeMarker, type LibraryCounts, type MarkerStorage, type StorageLoss } from '../storage/eviction';
import { countLibrary } from '../storage/library-counts';
import { askToPersist, estimateSpace, readPersistence, storageManager, type Persistence, type Space, type StorageManagerLike } from '../storage/persistence';

export type RestoreHandler = (file: File) => Promise<void>;

export interface StorageHealthDeps {
  /** Read inside an effect: what changes when something is stored or deleted (the document list, the conversation list). */
  changes: () => unknown;
  /** Restore a backup file; without one the notice offers no restore (see also `setRestore`). */
  restore?: RestoreHandler;
  /** Seams for another environment; the browser's own by default. */
  marker?: MarkerStorage;
  manager?: StorageManagerLike;
  count?: () => Promise<LibraryCounts>;
  now?: () => number;
}

export class StorageHealthState {
  /** Null until read at start. */
  persistence = $state<Persistence | null>(null);
  /** The browser was asked to keep the storage and did not agree. */
  refused = $state(false);
  asking = $state(false);
  space = $state.raw<Space | null>(null);
  /** What the browser cleared since the last visit, until restored or dismissed. */
  loss = $state.raw<StorageLoss | null>(null);
  restoring = $state(false);
  restoreError = $state.raw<AppError | null>(null);
  #restore = $state.raw<RestoreHandler | null>(null);
  readonly #changes: () => unknown;
  readonly #marker: MarkerStorage;
  readonly #manager: StorageManagerLike | undefined;
  readonly #count: () => Promise<LibraryCounts>;
  readonly #now: () => number;
  #counts: LibraryCounts | null = null;
  #askedThisVisit = false;
  #recounts = 0;
  #stop: (() => void) | null = null;

  constructor(deps: StorageHealthDeps) {
    this.#changes = deps.changes;
    this.#restore = deps.restore ?? null;
    this.#marker = deps.marker ?? localStorage;
    this.#manager = deps.manager ?? storageManager();
    this.#count = deps.count ?? countLibrary;
    this.#now = deps.now ?? Date.now;
  }

  get canRestore(): boolean {
    return this.#restore !== null;
  }

  /** Plug in (or take away) the backup feature's restore. */
  setRestore(handler: RestoreHandler | null): void {
    this.#restore = handler;
  }

  /** Read persistence and space, compare the marker with the stores, then follow changes. Once. */
  async start(): Promise<void> {
    if (this.#stop) return;
    this.#stop = () => {};
    this.persistence = await readPersistence(this.#manager);
    this.loss = readLoss(this.#marker);
    try {
      this.#counts = await this.#count();
    } catch {
      // stores that cannot be read say nothing about a loss; recounts try again
    }
    if (this.#counts && !this.loss) {
      this.loss = detectLoss(readMarker(this.#marker), this.#counts, this.#now());
      if (this.loss) writeLoss(this.#marker, this.loss);
    }
    void this.#measure();
    this.#stop = $effect.root(() => {
      $effect(() => {
        this.#changes();
        untrack(() => void this.#recount());
      });
    });
  }

  stop(): void {
    this.#stop?.();
  }

  /** The "Keep my data" button. */
  async keep(): Promise<void> {
    await this.#ask();
  }

  /** Forget the loss: the notice goes, and does not come back. */
  dismiss(): void {
    forgetLoss(this.#marker);
    this.loss = null;
    this.restoreError = null;
    void this.#recount();
  }

  async restore(file: File): Promise<void> {
    const handler = this.#restore;
    if (!handler || this.restoring) return;
    this.restoring = true;
    this.restoreError = null;
    try {
      await handler(file);
      this.dismiss();
    } catch (error) {
      this.restoreError = error instanceof AppError ? error : appError('STORAGE_FAILED', { detail: String(error) });
    } finally {
      this.restoring = false;
    }
  }

  async #ask(): Promise<void> {
    if (this.asking) return;
    this.asking = true;
    try {
      const answer = await askToPersist(this.#manager);
      if (answer !== 'unsupported') this.persistence = answer;
      this.refused = answer !== 'kept';
      if (this.#counts) writeMarker(this.#marker, this.#counts, answer === 'kept', this.#now());
    } finally {
      this.asking = false;
    }
  }

  /** Count the stores and write the marker; the first thing stored in a visit asks for persistence. */
  async #recount(): Promise<void> {
    const turn = ++this.#recounts;
    let counts: LibraryCounts;
    try {
      counts = await this.#count();
    } catch {
      return;
    }
    if (turn !== this.#recounts) return; // a newer count is on its way
    const before = this.#counts;
    this.#counts = counts;
    const stored = before !== null && (counts.documents > before.documents || counts.conversations > before.conversations);
    if (stored && this.persistence === 'may-clear' && !this.#askedThisVisit) {
      this.#askedThisVisit = true;
      await this.#ask();
    }
    writeMarker(this.#marker, counts, this.persistence === 'kept', this.#now());
    void this.#measure();
  }

  async #measure(): Promise<void> {
    this.space = await estimateSpace(this.#manager);
  }
}

/**
 * Embedding the library again with another model, as the page follows it: the library worker does
 * the work (workers/library/reembed.ts) and reports passages done; the switch itself reaches every
 * window over the library channel ({kind: 'embedder'}), which is what moves search over
 * (embedder.svelte.ts). A worker that crashed or hung mid-way is asked again: the passages it made
 * are kept, so it continues where it stopped.
 */
import type { EmbedderModel } from '../catalog/types';
import { AppError, appError } from '../errors';
import type { Words } from '../i18n/translate';
import type { LibraryClient } from '../library/client';
import type { EmbedderChoice, ReembedEvent, ReembedResult } from '../../../workers/library.protocol';

/** Times a crashed or hung worker is asked to continue before the error is shown. */
const RETRIES = 2;

/** One line for the person: what the job is doing. */
export function reembedLabel(w: Words, p: ReembedEvent | null, model: string): string {
  if (!p || p.stage === 'loading') {
    return p && p.total > 0 ? w.t('progress.reembed.loadingPercent', { model, percent: Math.round((100 * p.done) / p.total) }) : w.t('progress.reembed.loading', { model });
  }
  if (p.stage === 'embedding') return w.t('progress.reembed.embedding', { model, done: p.done, total: p.total });
  return w.t(`progress.reembed.${p.stage}`, { model });
}

export class ReembedState {
  status = $state<'idle' | 'running' | 'error'>('idle');
  progress = $state.raw<ReembedEvent | null>(null);
  /** The embedder the library is being brought to. */
  target = $state.raw<EmbedderModel | null>(null);
  error = $state<AppError | null>(null);
  /** The last run that switched documents. */
  result = $state.raw<ReembedResult | null>(null);
  #writer: LibraryClient;
  #running: { id: string; done: Promise<void>; abort: AbortController } | null = null;

  constructor(writer: LibraryClient) {
    this.#writer = writer;
  }

  /** The job is doing visible work (not a check that found nothing to do). */
  get visible(): boolean {
    const p = this.progress;
    return this.status === 'running' && p !== null && (p.stage === 'waiting' || p.total > 0);
  }

  /** Share of the passages done, 0–1 (for the bar). */
  get fraction(): number {
    const p = this.progress;
    return p && p.stage !== 'loading' && p.total > 0 ? p.done / p.total : 0;
  }

  /**
   * Brings the library to `choice.embedder`. A run for the same embedder already going is joined; one
   * for another is stopped first (what it made is dropped by the next run's plan).
   */
  run(choice: EmbedderChoice): Promise<void> {
    const current = this.#running;
    if (current?.id === choice.embedder.id) return current.done;
    current?.abort.abort();
    const abort = new AbortController();
    const done = (current?.done ?? Promise.resolve()).then(() => this.#run(choice, abort.signal));
    this.#running = { id: choice.embedder.id, done, abort };
    return done;
  }

  async #run(choice: EmbedderChoice, signal: AbortSignal): Promise<void> {
    this.status = 'running';
    this.target = choice.embedder;
    this.progress = null;
    this.error = null;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const result = await this.#writer.call('reembed', choice, { onEvent: (e) => (this.progress = e), signal, settleWithWorker: true });
          if (result.documents.length > 0) this.result = result;
          this.status = 'idle';
          return;
        } catch (error) {
          const e = error instanceof AppError ? error : appError('INTERNAL', { detail: String(error) });
          if ((e.code === 'WORKER_CRASHED' || e.code === 'WORKER_HUNG') && attempt < RETRIES) continue;
          throw e;
        }
      }
    } catch (error) {
      if (signal.aborted) return; // replaced by a run for another embedder
      this.error = error as AppError;
      this.status = 'error';
    } finally {
      this.progress = null;
      if (this.#running?.abort.signal === signal) this.#running = null;
    }
  }
}

/**
 * Knowledge packs on the page: exporting documents as one `.hearth` file and importing one, with its
 * progress (verifying, embedding again when it was made with another model, saving) and an outcome
 * the person can read. The workers do the work (workers/retrieval/packs.ts): the retrieval worker
 * reads a pack out, the library worker writes one in.
 */
import { AppError, appError } from '../errors';
import { madeWithIn } from '../backup-file';
import type { Words } from '../i18n/translate';
import { countIn } from '../library/count-words';
import type { LibraryClient } from '../library/client';
import { packFileName } from '../pack-file';
import type { RetrievalClient } from '../retrieval/client';
import type { EmbedderChoice, PackImportEvent, PackImportResult } from '../../../workers/library.protocol';

export interface PackProgress {
  stage: PackImportEvent['stage'];
  done: number;
  total: number;
}

export function packProgressLabel(w: Words, p: PackProgress): string {
  if (p.stage === 'embedding') return w.t('progress.import.embeddingCount', { done: p.done, total: p.total });
  return w.t(p.stage === 'verifying' ? 'progress.pack.verifying' : 'progress.import.saving');
}

/** What the last export or import did (packOutcomeText says it). */
export type PackOutcome = { code: 'exported'; documents: number; name: string } | { code: 'imported'; name: string; result: PackImportResult } | { code: 'cancelled'; name: string };

/** One sentence on what an import did. */
export function importSummary(w: Words, fileName: string, r: PackImportResult): string {
  const one = (n: number) => new Intl.PluralRules(w.locale).select(n) === 'one';
  const parts = [w.t('library.packs.added', { documents: countIn(w, r.documents.length, 'documents'), name: fileName })];
  if (r.skipped.length > 0) parts.push(w.t(one(r.skipped.length) ? 'library.packs.skipped.one' : 'library.packs.skipped.other', { count: r.skipped.length, names: r.skipped.join(', ') }));
  if (r.reembedded > 0) {
    const vars = { model: madeWithIn(w, r.embedder), passages: countIn(w, r.reembedded, 'passages') };
    parts.push(w.t(one(r.reembedded) ? 'library.packs.reembedded.one' : 'library.packs.reembedded.other', vars));
  }
  return parts.join(' ');
}

export function packOutcomeText(w: Words, o: PackOutcome): string {
  if (o.code === 'exported') return w.t('library.packs.saved', { documents: countIn(w, o.documents, 'documents'), name: o.name });
  return o.code === 'imported' ? importSummary(w, o.name, o.result) : w.t('library.packs.cancelled', { name: o.name });
}

export class PackState {
  busy = $state<'export' | 'import' | null>(null);
  progress = $state<PackProgress | null>(null);
  error = $state<AppError | null>(null);
  outcome = $state.raw<PackOutcome | null>(null);
  #client: RetrievalClient;
  #writer: LibraryClient;
  #choice: () => EmbedderChoice | null;
  #onImported: (docIds: string[]) => Promise<void>;
  #abort: AbortController | null = null;
  #lane: Promise<void> = Promise.resolve();

  constructor(client: RetrievalClient, writer: LibraryClient, choice: () => EmbedderChoice | null, onImported: (docIds: string[]) => Promise<void>) {
    this.#client = client;
    this.#writer = writer;
    this.#choice = choice;
    this.#onImported = onImported;
  }

  /** The pack as a file to save, or null when it failed (the error is shown). */
  async exportPack(docIds: string[], includeOriginals: boolean): Promise<File | null> {
    this.#begin('export');
    try {
      const { pack } = await this.#client.call('exportPack', { docIds, includeOriginals });
      const name = packFileName();
      this.outcome = { code: 'exported', documents: docIds.length, name };
      return new File([pack], name, { type: pack.type });
    } catch (error) {
      this.error = asAppError(error);
      return null;
    } finally {
      this.busy = null;
    }
  }

  /** Imports one pack at a time: a second one waits for the first. */
  importPack(file: File): Promise<void> {
    this.#lane = this.#lane.then(() => this.#import(file));
    return this.#lane;
  }

  async #import(file: File): Promise<void> {
    this.#begin('import');
    this.#abort = new AbortController();
    try {
      const choice = this.#choice();
      if (!choice) throw appError('EMBEDDING_FAILED', { detail: 'the library has not started' });
      const onEvent = (e: PackImportEvent) => (this.progress = { stage: e.stage, done: e.done, total: e.total });
      const result = await this.#writer.call('importPack', { ...choice, file }, { signal: this.#abort.signal, onEvent, settleWithWorker: true });
      this.outcome = { code: 'imported', name: file.name, result };
      await this.#onImported(result.documents.map((d) => d.id));
    } catch (error) {
      const err = asAppError(error);
      this.error = err.code === 'ABORTED' ? null : err;
      if (err.code === 'ABORTED') this.outcome = { code: 'cancelled', name: file.name };
    } finally {
      this.busy = null;
      this.progress = null;
      this.#abort = null;
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }

  dismiss(): void {
    this.error = null;
    this.outcome = null;
  }

  #begin(kind: 'export' | 'import'): void {
    this.busy = kind;
    this.error = null;
    this.outcome = null;
    this.progress = null;
  }
}

function asAppError(error: unknown): AppError {
  return error instanceof AppError ? error : appError('INTERNAL', { detail: String(error) });
}

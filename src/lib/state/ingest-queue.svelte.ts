/**
 * The page's view of files being added: one item per file with what it is doing, its progress and
 * time left, a cancel per file, and an overall bar. Every file is handed to the library worker at
 * once (as a File: no bytes are read on the main thread); the worker builds them one at a time.
 *
 * When the worker stops (crashed, or hung and restarted), no file is dropped silently: each file in
 * flight is handed to the fresh worker again (by its queue id once queued, else as the File), and
 * reported as not added only after it stopped the worker several times.
 */
import { AppError, appError } from '../errors';
import { Handover } from '../library/handover';
import type { LibraryClient } from '../library/client';
import { RateMeter } from '../models/rate';
import type { DocumentRecord, QueueRecord } from '../storage/schema';
import type { EmbedDevice } from '../device/embed-policy';
import type { EmbedderChoice, IngestEvent, IngestPayload, IngestStage } from '../../../workers/library.protocol';

/** Errors that mean the worker stopped, not that the file is bad. */
const WORKER_STOPPED = new Set(['WORKER_CRASHED', 'WORKER_HUNG']);
/** Hand-overs of one file to a fresh worker before it is reported as not added. */
const MAX_RETRIES = 2;

type FilePayload = { file: File; password?: string; replaceDocId?: string; keepBoth?: boolean } | { queuedId: string; password?: string };

export interface QueueItem {
  key: number;
  name: string;
  stage: IngestStage;
  done: number;
  total: number;
  unit: 'page' | 'part' | 'passage';
  /** Seconds left in the current stage, when it can be told. */
  secondsLeft: number | null;
  /** Where its passages are being embedded (null before embedding starts). */
  device: EmbedDevice | null;
  /** Passages embedded per second, smoothed, once it can be told. */
  passagesPerSecond: number | null;
  /** The GPU failed while this file was being added, so it is embedded on the CPU instead. */
  gpuFailed: boolean;
  /** Queued before a reload and picked up again. */
  resumed: boolean;
  /** Handed to a fresh worker after the one building it stopped. */
  restarted: boolean;
}

export interface IngestOutcome {
  name: string;
  file: File | null;
  doc?: DocumentRecord;
  /** The document the new one replaced. */
  replaced?: string;
  error?: AppError;
}

/** Where in a file's whole ingestion a stage sits (parsing is quick next to embedding). */
const STAGE_SPAN: Record<IngestStage, [number, number]> = {
  waiting: [0, 0],
  loading: [0, 0],
  reading: [0, 0.25],
  chunking: [0.25, 0.3],
  embedding: [0.3, 0.97],
  saving: [0.97, 1],
};

export function itemFraction(item: Pick<QueueItem, 'stage' | 'done' | 'total'>): number {
  const [from, to] = STAGE_SPAN[item.stage];
  return from + (to - from) * (item.total > 0 ? Math.min(1, item.done / item.total) : 0);
}

export class IngestQueueState {
  items = $state<QueueItem[]>([]);
  /** Files finished (stored or failed) since the queue was last empty, for the overall bar. */
  finished = $state(0);
  #client: LibraryClient;
  #choice: () => EmbedderChoice | null;
  #onOutcome: (outcome: IngestOutcome) => void;
  #aborts = new Map<number, AbortController>();
  #nextKey = 1;
  readonly handover = new Handover();

  /** `choice`: the embedder documents are embedded with (null until the library has started). */
  constructor(client: LibraryClient, choice: () => EmbedderChoice | null, onOutcome: (outcome: IngestOutcome) => void) {
    this.#client = client;
    this.#choice = choice;
    this.#onOutcome = onOutcome;
  }

  get busy(): boolean {
    return this.items.length > 0;
  }

  /** Overall progress over the files of this batch, 0–1. */
  get overall(): number {
    const total = this.finished + this.items.length;
    if (total === 0) return 0;
    return (this.finished + this.items.reduce((n, i) => n + itemFraction(i), 0)) / total;
  }

  get batchSize(): number {
    return this.finished + this.items.length;
  }

  add(file: File, options: { password?: string; replaceDocId?: string; keepBoth?: boolean } = {}): void {
    this.#start(file.name, { file, ...options }, file, false);
  }

  resume(record: QueueRecord): void {
    this.#start(record.name, { queuedId: record.id }, null, true);
  }

  cancel(key: number): void {
    this.#aborts.get(key)?.abort();
  }

  #start(name: string, payload: FilePayload, file: File | null, resumed: boolean): void {
    const key = this.#nextKey++;
    const abort = new AbortController();
    this.#aborts.set(key, abort);
    this.items.push({ key, name, stage: 'waiting', done: 0, total: 1, unit: 'part', secondsLeft: null, device: null, passagesPerSecond: null, gpuFailed: false, resumed, restarted: false });
    if ('file' in payload) this.handover.begin(key, name);
    this.#run(key, name, payload, file, abort.signal, 0);
  }

  #run(key: number, name: string, payload: FilePayload, file: File | null, signal: AbortSignal, retries: number): void {
    const chosen = this.#choice();
    // A file handed to a fresh worker goes to WASM: a GPU that wedged may be what stopped the last one.
    const choice = chosen && retries > 0 ? { ...chosen, device: 'wasm' as const } : chosen;
    if (!choice) {
      this.#finish(key, { name, file, error: appError('EMBEDDING_FAILED', { detail: 'the library has not started' }) });
      return;
    }
    let queuedId = 'queuedId' in payload ? payload.queuedId : null;
    let meter = new RateMeter({ halfLifeMs: 4000, minIntervalMs: 400 });
    let meterStage: IngestStage | null = null;
    const onEvent = (event: IngestEvent) => {
      if (event.kind === 'queued') {
        queuedId = event.id;
        this.handover.end(key);
        return;
      }
      const item = this.items.find((i) => i.key === key);
      if (!item) return;
      if (event.kind === 'fallback') {
        // The file starts over on the CPU: its pace so far says nothing about the rest.
        meterStage = null;
        Object.assign(item, { gpuFailed: true, device: 'wasm', passagesPerSecond: null, secondsLeft: null });
        return;
      }
      if (meterStage !== event.stage) {
        meterStage = event.stage;
        meter = new RateMeter({ halfLifeMs: 4000, minIntervalMs: 400 }); // each stage has its own pace
      }
      meter.sample(event.done, performance.now());
      const embedding = event.stage === 'embedding';
      Object.assign(item, {
        stage: event.stage,
        done: event.done,
        total: event.total,
        unit: event.unit,
        secondsLeft: meter.secondsLeft(event.total - event.done),
        ...(embedding ? { device: event.device ?? null, passagesPerSecond: meter.bytesPerSecond } : {}),
      });
    };
    const replaced = 'replaceDocId' in payload ? payload.replaceDocId : undefined;
    const request: IngestPayload = { ...choice, ...payload };
    void this.#client.call('ingest', request, { onEvent, signal, settleWithWorker: true }).then(
      (doc) => this.#finish(key, { name, file, doc, ...(replaced ? { replaced } : {}) }),
      (error: unknown) => {
        const err = error instanceof AppError ? error : appError('INTERNAL', { detail: String(error) });
        if (WORKER_STOPPED.has(err.code) && retries < MAX_RETRIES && !signal.aborted) {
          const again: FilePayload | null = queuedId ? { queuedId, ...(payload.password ? { password: payload.password } : {}) } : 'file' in payload ? payload : null;
          if (again) {
            const item = this.items.find((i) => i.key === key);
            if (item) Object.assign(item, { stage: 'waiting', done: 0, total: 1, secondsLeft: null, restarted: true });
            this.#run(key, name, again, file, signal, retries + 1);
            return;
          }
        }
        this.#finish(key, { name, file, error: WORKER_STOPPED.has(err.code) ? appError('INGEST_INTERRUPTED', { message: `“${name}” was not added: the background worker stopped while adding it, more than once. Add it again; if it keeps happening, the file may be damaged.`, detail: err.detail ?? '' }) : err });
      },
    );
  }

  #finish(key: number, outcome: IngestOutcome): void {
    this.handover.end(key);
    this.#aborts.delete(key);
    this.items = this.items.filter((i) => i.key !== key);
    this.finished = this.items.length === 0 ? 0 : this.finished + 1;
    this.#onOutcome(outcome);
  }
}

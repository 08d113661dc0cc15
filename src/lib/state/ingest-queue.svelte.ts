/**
 * The page's view of files being added: one item per file with what it is doing, its progress and
 * time left, a cancel per file, and an overall bar. Every file is handed to the retrieval worker at
 * once (as a File: no bytes are read on the main thread); the worker builds them one at a time.
 */
import { AppError, appError } from '../errors';
import { RateMeter } from '../models/rate';
import type { RetrievalClient } from '../retrieval/client';
import type { DocumentRecord, QueueRecord } from '../storage/schema';
import type { IngestEvent, IngestPayload, IngestStage } from '../../../workers/retrieval.protocol';

export interface QueueItem {
  key: number;
  name: string;
  stage: IngestStage;
  done: number;
  total: number;
  unit: 'page' | 'part' | 'passage';
  /** Seconds left in the current stage, when it can be told. */
  secondsLeft: number | null;
  /** Queued before a reload and picked up again. */
  resumed: boolean;
}

export interface IngestOutcome {
  name: string;
  file: File | null;
  doc?: DocumentRecord;
  error?: AppError;
}

/** Where in a file's whole ingestion a stage sits (parsing is quick next to embedding). */
const STAGE_SPAN: Record<IngestStage, [number, number]> = {
  waiting: [0, 0],
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
  #client: RetrievalClient;
  #onOutcome: (outcome: IngestOutcome) => void;
  #aborts = new Map<number, AbortController>();
  #nextKey = 1;

  constructor(client: RetrievalClient, onOutcome: (outcome: IngestOutcome) => void) {
    this.#client = client;
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

  add(file: File, options: { password?: string; replaceDocId?: string } = {}): void {
    const payload: IngestPayload = { file, ...options };
    this.#start(file.name, payload, file, false);
  }

  resume(record: QueueRecord): void {
    this.#start(record.name, { queuedId: record.id }, null, true);
  }

  cancel(key: number): void {
    this.#aborts.get(key)?.abort();
  }

  #start(name: string, payload: IngestPayload, file: File | null, resumed: boolean): void {
    const key = this.#nextKey++;
    const abort = new AbortController();
    this.#aborts.set(key, abort);
    this.items.push({ key, name, stage: 'waiting', done: 0, total: 1, unit: 'part', secondsLeft: null, resumed });
    let meter = new RateMeter({ halfLifeMs: 4000, minIntervalMs: 400 });
    let meterStage: IngestStage | null = null;
    const onEvent = (event: IngestEvent) => {
      if (event.kind !== 'progress') return;
      const item = this.items.find((i) => i.key === key);
      if (!item) return;
      if (meterStage !== event.stage) {
        meterStage = event.stage;
        meter = new RateMeter({ halfLifeMs: 4000, minIntervalMs: 400 }); // each stage has its own pace
      }
      meter.sample(event.done, performance.now());
      Object.assign(item, { stage: event.stage, done: event.done, total: event.total, unit: event.unit, secondsLeft: meter.secondsLeft(event.total - event.done) });
    };
    void this.#client
      .call('ingest', payload, { onEvent, signal: abort.signal })
      .then(
        (doc) => this.#finish(key, { name, file, doc }),
        (error: unknown) => this.#finish(key, { name, file, error: error instanceof AppError ? error : appError('INTERNAL', { detail: String(error) }) }),
      );
  }

  #finish(key: number, outcome: IngestOutcome): void {
    this.#aborts.delete(key);
    this.items = this.items.filter((i) => i.key !== key);
    this.finished = this.items.length === 0 ? 0 : this.finished + 1;
    this.#onOutcome(outcome);
  }
}

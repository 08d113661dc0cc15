/**
 * Which language models are open in which Hearth window. While this window's LLM worker has a model
 * loaded (or is loading it), it holds a shared Web Lock whose name records the model, its engine and
 * its memory; a closed or crashed window lets go of it with its worker. Before loading, a window
 * reads the others' locks and applies `judgeOpenElsewhere`. Reading and claiming happen under one
 * short exclusive lock, so two windows loading at the same moment cannot both see "nobody".
 */
import { appError, type AppError } from '../../src/lib/errors';
import type { OpenModel } from '../../src/lib/models/open-elsewhere';
import { heldLockNames, hold, type LockManagerLike } from '../locks';

const PREFIX = 'hearth-open-model:';
const REGISTRY = 'hearth-open-models';

export function openLockName(model: OpenModel): string {
  return PREFIX + JSON.stringify([model.engine, model.memoryMB, model.modelId]);
}

/** The model recorded in a lock name, or null for any other lock (or a name that is not ours). */
export function parseOpenLockName(name: string): OpenModel | null {
  if (!name.startsWith(PREFIX)) return null;
  try {
    const [engine, memoryMB, modelId] = JSON.parse(name.slice(PREFIX.length)) as unknown[];
    if ((engine !== 'webllm' && engine !== 'wllama' && engine !== 'transformers') || typeof memoryMB !== 'number' || typeof modelId !== 'string') return null;
    return { engine, memoryMB, modelId };
  } catch {
    return null;
  }
}

/** This window's hold on a model's open lock. */
export interface OpenClaim {
  readonly model: OpenModel;
  /** Let go (idempotent); resolves when other windows no longer see the lock. */
  release(): Promise<void>;
}

/**
 * The models open in other windows: every holder of an open lock but this window's own claim.
 * A model open in two windows is listed twice (it takes its memory twice).
 */
export async function listOpenElsewhere(locks: LockManagerLike | null, own: OpenClaim | null): Promise<OpenModel[]> {
  const names = await heldLockNames(locks);
  let skipOwn = own ? openLockName(own.model) : null;
  const out: OpenModel[] = [];
  for (const name of names) {
    if (name === skipOwn) {
      skipOwn = null; // one of the holders is us
      continue;
    }
    const model = parseOpenLockName(name);
    if (model) out.push(model);
  }
  return out;
}

/**
 * Claim `model` as open in this window, unless `refuse` objects to what the other windows have open.
 * @returns the claim (a no-op claim where the browser has no Web Locks).
 * @throws the AppError `refuse` returned (nothing is claimed then).
 */
export async function claimOpen(
  locks: LockManagerLike | null,
  model: OpenModel,
  refuse: (others: OpenModel[]) => AppError | null,
): Promise<OpenClaim> {
  if (!locks) return { model, release: () => Promise.resolve() };
  return locks.request(REGISTRY, { mode: 'exclusive' }, async () => {
    const refusal = refuse(await listOpenElsewhere(locks, null));
    if (refusal) throw refusal;
    const letGo = await hold(locks, openLockName(model), 'shared');
    let released: Promise<void> | null = null;
    return { model, release: () => (released ??= letGo()) };
  });
}

/** The refusal for `claimOpen` when the verdict says to ask first. */
export function openElsewhereError(model: OpenModel, others: OpenModel[]): AppError {
  const list = others.map((o) => `${o.modelId} (${o.engine}, ${o.memoryMB} MB)`).join(', ');
  return appError('MODEL_OPEN_ELSEWHERE', { detail: `${model.modelId}: open in other windows: ${list}` });
}

/// <reference lib="webworker" />
/**
 * The LLM worker: holds one engine (web-llm, wllama or transformers.js) and one loaded model, and runs one engine
 * request at a time (an engine cannot load and generate at once). Downloads, listing and imports run
 * beside them (`downloads/store.ts`); deleting waits for the engine, so a loaded model is unloaded
 * before its files go. While a model is open here, a Web Lock tells the other Hearth windows so
 * (engines/open-registry.ts), and a load that the rule in models/open-elsewhere.ts says to ask about
 * fails with MODEL_OPEN_ELSEWHERE before any download. See `llm.protocol.ts`.
 */
import { memoryBudgetMB } from '../src/lib/device/recommend';
import { appError, toWire, type AppError } from '../src/lib/errors';
import { judgeOpenElsewhere, type OpenModel } from '../src/lib/models/open-elsewhere';
import { serve } from '../src/lib/rpc/server';
import { importGguf } from './downloads/import-gguf';
import { importMlcFolder } from './downloads/import-mlc';
import { cancelAllDownloads, cancelDownload, deleteAllStored, deleteStored, ensureStored, listStored } from './downloads/store';
import { inTurn, needsTurns } from './engines/cpu-turns';
import { createEngine } from './engines/create';
import type { LlmEngine } from './engines/engine';
import { claimOpen, listOpenElsewhere, openElsewhereError, type OpenClaim } from './engines/open-registry';
import { defaultThreads } from './engines/threads';
import type { GeneratePayload, GenerateResult, LlmProtocol, LoadPayload, LoadProgressEvent, LoadResult } from './llm.protocol';
import { browserLocks } from './locks';

declare const self: DedicatedWorkerGlobalScope;

let engine: LlmEngine | null = null;
/** `turns`: its generations take turns with other windows' (engines/cpu-turns.ts). */
let loaded: { key: string; result: LoadResult; turns: boolean } | null = null;
/** This window's "model open here" lock, held from the start of a load until the model is let go. */
let claim: OpenClaim | null = null;
/** Why the engine lost its model behind our back (GPU device lost), until the next load. */
let lost: AppError | null = null;
let queue: Promise<unknown> = Promise.resolve();

/** Run after everything queued before it, whether that succeeded or failed. */
function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

function loadKey(p: LoadPayload): string {
  return JSON.stringify([p.model.id, p.model.engine, p.modelUrl, p.libUrl ?? '', p.threads ?? 0, p.contextWindow ?? 0, p.kvCache ?? 'auto']);
}

async function dropEngine(): Promise<void> {
  const old = engine;
  const oldClaim = claim;
  engine = null;
  loaded = null;
  claim = null;
  await old?.unload();
  await oldClaim?.release();
}

/** `navigator.deviceMemory` (GiB), which workers have too; null when the browser does not say. */
function deviceMemoryGB(): number | null {
  const memory = (self.navigator as WorkerNavigator & { deviceMemory?: number }).deviceMemory;
  return typeof memory === 'number' && memory > 0 ? memory : null;
}

/** Claim the model as open here, unless other windows have models open that the user should hear about first. */
function claimFor(payload: LoadPayload): Promise<OpenClaim> {
  const model: OpenModel = { modelId: payload.model.id, engine: payload.model.engine, memoryMB: payload.model.memoryMB };
  const budget = memoryBudgetMB({ deviceMemoryGB: deviceMemoryGB() });
  return claimOpen(browserLocks(), model, (others) =>
    !payload.alongside && judgeOpenElsewhere(model, others, budget).ask ? openElsewhereError(model, others) : null,
  );
}

function checkGenerate(payload: GeneratePayload): void {
  const problem =
    !Array.isArray(payload.messages) || payload.messages.length === 0
      ? 'no messages'
      : payload.messages.some((m) => typeof m.content !== 'string' || !['system', 'user', 'assistant'].includes(m.role))
        ? 'a message without text or with an unknown role'
        : !(payload.maxTokens >= 1)
          ? `maxTokens ${payload.maxTokens}`
          : !(payload.temperature >= 0)
            ? `temperature ${payload.temperature}`
            : null;
  if (problem) throw appError('GENERATION_FAILED', { detail: `invalid request: ${problem}` });
}

serve<LlmProtocol>(self, {
  load: (payload, { signal, emit }) =>
    exclusive(async () => {
      const key = loadKey(payload);
      if (loaded?.key === key && engine?.isLoaded()) return loaded.result;
      await dropEngine();
      if (signal.aborted) throw appError('ABORTED');
      const nextClaim = await claimFor(payload);
      try {
        const progress = (p: Omit<LoadProgressEvent, 'kind'>) => emit({ kind: 'progress', ...p });
        // wllama reads the GGUF file from OPFS (downloaded or resumed here first); web-llm reads its own cache.
        const file = payload.model.engine === 'wllama' ? await ensureStored(payload, progress, signal) : null;
        const onLost = (error: AppError) => {
          if (engine !== next) return; // a loss during the load itself fails the load
          lost = error;
          // The GPU freed the model: other windows may open theirs. The next load claims again.
          const gone = claim;
          claim = null;
          void gone?.release();
        };
        const next: LlmEngine = await createEngine(payload.model.engine, { onLost }).catch((cause: unknown) => {
          // The engine's code is a separate chunk: offline before it was cached, this import fails.
          throw appError('MODEL_LOAD_FAILED', { detail: `could not start the ${payload.model.engine} engine: ${String(cause)}`, cause });
        });
        const result = await next.load(payload, progress, signal, file ? [file] : undefined);
        engine = next;
        const turns = payload.model.engine !== 'webllm' && needsTurns(payload.threads ?? defaultThreads(), self.navigator.hardwareConcurrency ?? 1);
        loaded = { key, result, turns };
        claim = nextClaim;
        lost = null;
        return result;
      } catch (error) {
        await nextClaim.release();
        throw error;
      }
    }),

  generate: (payload, { signal, emit }) =>
    exclusive(async () => {
      checkGenerate(payload);
      if (!engine || !loaded) throw appError('GENERATION_FAILED', { detail: 'no model is loaded; call load first' });
      let result: GenerateResult;
      const current = engine;
      const run = () => current.generate(payload, (text) => emit({ kind: 'token', text }), signal);
      try {
        result = await (loaded.turns ? inTurn(browserLocks(), signal, run) : run());
      } catch (error) {
        // After a GPU loss or a WASM crash the engine has freed the model: forget it, so the next
        // `load` really loads instead of answering "already loaded".
        if (!current.isLoaded()) await dropEngine();
        throw error;
      }
      // The rpc layer turns a cancelled call into ABORTED for the page; the tokens already went out.
      if (signal.aborted) throw appError('ABORTED');
      return result;
    }),

  unload: () => exclusive(dropEngine),

  state: () => ({ loaded: engine?.isLoaded() && loaded ? loaded.result : null, lost: lost ? toWire(lost) : null }),

  openElsewhere: () => listOpenElsewhere(browserLocks(), claim),

  download: async (ref, { signal, emit }) => {
    await ensureStored(ref, (p) => emit({ kind: 'progress', ...p }), signal);
    const [info] = await listStored([ref]);
    if (!info) throw appError('INTERNAL', { detail: 'listStored gave no answer' });
    return info;
  },

  listStored: ({ models }) => listStored(models),

  deleteStored: async (ref) => {
    // Stop its download now: a load that is downloading it holds the engine queue until it ends.
    await cancelDownload(ref.model.id);
    await exclusive(async () => {
      if (loaded?.result.modelId === ref.model.id) await dropEngine();
      await deleteStored(ref);
    });
  },

  deleteAll: async () => {
    await cancelAllDownloads();
    await exclusive(async () => {
      await dropEngine();
      await deleteAllStored();
    });
  },

  importGguf: ({ file }, { signal, emit }) =>
    importGguf(file, (loadedBytes, totalBytes) => emit({ kind: 'progress', loadedBytes, totalBytes, phase: 'import' }), signal),

  importMlcFolder: ({ files }, { signal, emit }) =>
    importMlcFolder(files, (loadedBytes, totalBytes) => emit({ kind: 'progress', loadedBytes, totalBytes, phase: 'import' }), signal),
});

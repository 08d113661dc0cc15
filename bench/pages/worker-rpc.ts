/**
 * Calls into a bench worker: the page posts {id, method, args}, the worker answers {id, value} or
 * {id, error}. Enough for benchmarks; the app's own typed RPC lives in src/lib/rpc.
 */
type Api = Record<string, (...args: never[]) => unknown>;

interface Request {
  id: number;
  method: string;
  args: unknown[];
}

type Reply = { id: number; value: unknown } | { id: number; error: string };

export function serveWorker(api: Api): void {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  scope.onmessage = async (e: MessageEvent<Request>) => {
    const { id, method, args } = e.data;
    try {
      const fn = api[method] as ((...a: unknown[]) => unknown) | undefined;
      if (!fn) throw new Error(`No method ${method}`);
      scope.postMessage({ id, value: await fn(...args) } satisfies Reply);
    } catch (error) {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      scope.postMessage({ id, error: text } satisfies Reply);
    }
  };
}

export type Remote<A extends Api> = {
  [K in keyof A]: (...args: Parameters<A[K]>) => Promise<Awaited<ReturnType<A[K]>>>;
};

export function connectWorker<A extends Api>(worker: Worker): Remote<A> {
  let next = 0;
  /** Set once the worker died (e.g. its script failed to load); later calls fail at once. */
  let dead: Error | null = null;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  worker.onmessage = (e: MessageEvent<Reply>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if ('error' in e.data) p.reject(new Error(e.data.error));
    else p.resolve(e.data.value);
  };
  worker.onerror = (e: ErrorEvent) => {
    // A module worker whose imports fail to load or compile reports no message at all.
    const where = e.filename ? ` at ${e.filename}:${e.lineno}` : '';
    dead = new Error(`Worker error: ${e.message || 'the worker script or one of its imports failed to load'}${where}`);
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };
  return new Proxy({} as Remote<A>, {
    get: (_, method: string) =>
      (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          if (dead) return reject(dead);
          const id = next++;
          pending.set(id, { resolve, reject });
          worker.postMessage({ id, method, args } satisfies Request);
        }),
  });
}

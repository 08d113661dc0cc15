/**
 * Evaluated first by pdfjs-worker.ts, just before pdf.js's worker bundle. That bundle, evaluated in
 * any Worker, claims the thread (its `WorkerMessageHandler` static block): it posts a "ready"
 * message to the page and listens on `self`, as if this were pdf.js's own worker. We load it into
 * the retrieval worker only as a library (pdf.js's "fake worker"), so `self.postMessage` is hidden
 * while it evaluates (the block checks `typeof self.postMessage === "function"`) and given back
 * right after, in the same synchronous module evaluation: no other code runs in between.
 */
const scope = globalThis as { postMessage?: unknown; window?: unknown };
const original = scope.postMessage;
const hidden = typeof scope.window === 'undefined' && typeof original === 'function';
if (hidden) scope.postMessage = undefined;

export function releasePostMessage(): void {
  if (hidden) scope.postMessage = original;
}

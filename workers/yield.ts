/**
 * Let the worker's event loop run. ONNX Runtime's WASM inference resolves its promises as
 * microtasks, so a loop of `await embed(…)` never lets a message in: a cancel, or a search, would
 * wait for the whole file. A MessageChannel task is queued behind messages already waiting, so they
 * run first (scheduler.yield() would not do: its continuation jumps ahead of them), and, unlike
 * setTimeout, it is never clamped to 4 ms.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

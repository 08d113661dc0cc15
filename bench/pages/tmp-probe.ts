import { Wllama } from '@wllama/wllama/esm/index.js';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { expose } from './expose';
let w: Wllama;
expose({
  async load(url: string, threads: number) {
    w = new Wllama({ default: wasmUrl }, { suppressNativeLog: true });
    const t0 = performance.now();
    await w.loadModelFromUrl(url, { n_threads: threads, n_gpu_layers: 0, n_ctx: 4096 });
    return { ms: performance.now() - t0, mt: w.isMultithread(), threads: w.getNumThreads() };
  },
  async run(prompt: string, n: number) {
    const t0 = performance.now();
    const r = await w.createCompletion({ prompt, max_tokens: n, temperature: 0.7 });
    return { ms: performance.now() - t0, timings: r.timings, usage: r.usage };
  },
});

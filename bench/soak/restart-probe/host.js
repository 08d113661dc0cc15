// Restarts llama.cpp the way the CPU engine does (workers/engines/wllama.ts #restart): the old
// instance's exit() (its worker terminated), then a new instance loading the same file, then a few
// answers. The probe's runner watches the tab's process for the instances' WebAssembly memories.
import { Wllama } from '/wllama/index.js';

const logger = { debug() {}, log() {}, warn() {}, error: (...args) => console.error(...args) };
let file = null;
let current = null;

self.onmessage = async () => {
  file ??= new File([await (await fetch('/model.gguf')).blob()], 'model.gguf');
  const t0 = performance.now();
  await current?.exit();
  const exitedAt = performance.now() - t0;
  const next = new Wllama({ default: '/wllama/wasm/wllama.wasm' }, { suppressNativeLog: true, logger });
  await next.loadModel([file], { n_ctx: 2048, n_threads: 2, n_gpu_layers: 0, n_parallel: 1 });
  current = next;
  let text = '';
  for (let i = 0; i < 5; i++) {
    const out = await next.createCompletion({ prompt: `Story ${i} ${Math.random()}: once upon a time`, max_tokens: 16, temperature: 0 });
    text = typeof out === 'string' ? out : (out.choices?.[0]?.text ?? '');
  }
  postMessage({ exitedAt, ms: performance.now() - t0, text });
};

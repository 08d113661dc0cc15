/** Embedding on WASM and on WebGPU in the same run: one worker per device, as the app runs them (library/gpu-embedder.ts). */
import { expose } from './expose';
import type { EmbedDevice, EmbeddingWorkerApi } from './embedding.worker';
import { connectWorker, type Remote } from './worker-rpc';

const workers = new Map<EmbedDevice, Remote<EmbeddingWorkerApi>>();
const on = (device: EmbedDevice) => {
  const worker = workers.get(device);
  if (!worker) throw new Error(`no ${device} worker: call configure first`);
  return worker;
};

const api = {
  /** WASM gets `threads`; the WebGPU worker one thread, for the few nodes ONNX Runtime keeps on the CPU (as in the app). */
  async configure(threads: number): Promise<void> {
    for (const device of ['wasm', 'webgpu'] as const) {
      const worker = connectWorker<EmbeddingWorkerApi>(new Worker(new URL('./embedding.worker.ts', import.meta.url), { type: 'module', name: `embed-${device}` }));
      await worker.configure(location.origin, device === 'wasm' ? threads : 1, device);
      workers.set(device, worker);
    }
  },
  load: (device: EmbedDevice, ...args: Parameters<EmbeddingWorkerApi['load']>) => on(device).load(...args),
  tokenCounts: (device: EmbedDevice, ...args: Parameters<EmbeddingWorkerApi['tokenCounts']>) => on(device).tokenCounts(...args),
  time: (device: EmbedDevice, ...args: Parameters<EmbeddingWorkerApi['time']>) => on(device).time(...args),
  vectors: (device: EmbedDevice, ...args: Parameters<EmbeddingWorkerApi['vectors']>) => on(device).vectors(...args),
  adapter: () => on('webgpu').adapter(),
};
export type EmbedDevicesPageApi = typeof api;

expose(api);

/**
 * Where documents are embedded: on the GPU (ONNX Runtime's WebGPU backend) when the device has a
 * real one and the embedder has a file that runs there, else on WASM. Questions are always embedded
 * on WASM (in the retrieval worker), so a question never waits for a GPU busy with the language
 * model; both sides use the same model file, so their vectors agree.
 *
 * A software adapter (SwiftShader, WARP: `isFallbackAdapter`) computes on the CPU, slower than WASM,
 * so it counts as no GPU unless the device is forced (tests, troubleshooting).
 */
import type { EmbedderModel } from '../catalog/types';
import type { GpuCapabilities } from './capabilities';

export type EmbedDevice = 'webgpu' | 'wasm';

/**
 * The least cosine between the vectors the two devices give the same passage: what the GPU path must
 * meet to share an index with questions embedded on WASM (checked by e2e/gpu-embedding.spec.ts and
 * the embedding-device benchmark).
 */
export const DEVICE_AGREEMENT = 0.999;
/** 'auto' decides by the device; the others force one (see config/embed-device.ts). */
export type EmbedDeviceSetting = 'auto' | EmbedDevice;

export interface EmbedPlan {
  /** Where documents are embedded. */
  device: EmbedDevice;
  /** The embedder both workers load: the catalog's record, with the GPU's file when documents go there. */
  embedder: EmbedderModel;
  /** Why, in a few words (for logs and tests). */
  reason: string;
}

/** transformers.js dtypes whose every matrix product has a WebGPU kernel (fp16 needs `shader-f16`). */
const GPU_DTYPES = new Set(['fp32', 'fp16']);

function onGpu(model: EmbedderModel, reason: string): EmbedPlan {
  const dtype = model.gpuDtype ?? model.dtype;
  return { device: 'webgpu', embedder: dtype === model.dtype ? model : { ...model, dtype }, reason };
}

export function planDocumentEmbedding(model: EmbedderModel, gpu: GpuCapabilities | null, setting: EmbedDeviceSetting = 'auto'): EmbedPlan {
  const wasm = (reason: string): EmbedPlan => ({ device: 'wasm', embedder: model, reason });
  if (setting === 'wasm') return wasm('set to the CPU');
  if (setting === 'webgpu') return onGpu(model, 'set to the GPU');
  if (!gpu) return wasm('no WebGPU adapter');
  if (gpu.isFallbackAdapter) return wasm('the WebGPU adapter is a software one (it computes on the CPU)');
  const dtype = model.gpuDtype ?? model.dtype;
  if (!GPU_DTYPES.has(dtype)) return wasm(`the ${dtype} file has no GPU kernels for its matrix products`);
  if (dtype === 'fp16' && !gpu.shaderF16) return wasm('the GPU lacks shader-f16 for the fp16 file');
  return onGpu(model, 'a real GPU');
}

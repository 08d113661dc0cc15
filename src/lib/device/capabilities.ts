/**
 * What this device can run: WebGPU (and whether it is a real GPU), memory, threads, storage. Works on
 * the page and in a worker. Every probe is defensive: a missing API means "unknown", never a throw.
 */

export interface GpuCapabilities {
  /** A software adapter (SwiftShader, WARP): correct but far too slow for an LLM. */
  isFallbackAdapter: boolean;
  /** The `shader-f16` feature, which q4f16/q0f16 web-llm models need. */
  shaderF16: boolean;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  /** Every feature the adapter offers, for models that need others. */
  features: string[];
  vendor: string;
  architecture: string;
  description: string;
}

export interface DeviceCapabilities {
  /** null when there is no WebGPU adapter (no `navigator.gpu`, or no adapter given). */
  gpu: GpuCapabilities | null;
  /** `navigator.deviceMemory` in GiB (browsers round it and cap it at 8 or 32), or null when unknown. */
  deviceMemoryGB: number | null;
  hardwareConcurrency: number;
  /** From `navigator.storage.estimate()`, or null when unavailable. */
  storage: { quotaBytes: number; usageBytes: number } | null;
  /** True when SharedArrayBuffer (and so multi-threaded WASM) is available. */
  crossOriginIsolated: boolean;
}

/** The parts of `navigator` we read; `deviceMemory` is not in the standard lib types. */
type NavigatorLike = Partial<Pick<Navigator, 'gpu' | 'storage' | 'hardwareConcurrency'>> & { deviceMemory?: number };

/** The global scope, page or worker. */
interface ScopeLike {
  navigator?: NavigatorLike;
  crossOriginIsolated?: boolean;
}

/**
 * Probe the device. Never throws; takes a few milliseconds (one adapter request, one storage estimate).
 * @param scope The global scope to probe; injectable for tests.
 */
export async function detectCapabilities(scope: ScopeLike = globalThis as ScopeLike): Promise<DeviceCapabilities> {
  const nav = scope.navigator ?? {};
  const [gpu, storage] = await Promise.all([probeGpu(nav), probeStorage(nav)]);
  const memory = nav.deviceMemory;
  return {
    gpu,
    deviceMemoryGB: typeof memory === 'number' && memory > 0 ? memory : null,
    hardwareConcurrency: typeof nav.hardwareConcurrency === 'number' && nav.hardwareConcurrency > 0 ? nav.hardwareConcurrency : 1,
    storage,
    crossOriginIsolated: scope.crossOriginIsolated === true,
  };
}

async function probeGpu(nav: NavigatorLike): Promise<GpuCapabilities | null> {
  if (!nav.gpu) return null;
  let adapter: GPUAdapter | null;
  try {
    adapter = await nav.gpu.requestAdapter();
  } catch {
    return null;
  }
  if (!adapter) return null;
  // Chromium moved `isFallbackAdapter` from the adapter onto `adapter.info`; read both.
  const info = (adapter.info ?? {}) as Partial<GPUAdapterInfo>;
  const legacyFallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const features = [...adapter.features].map(String);
  return {
    isFallbackAdapter: info.isFallbackAdapter === true || legacyFallback === true,
    shaderF16: adapter.features.has('shader-f16'),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    features,
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    description: info.description ?? '',
  };
}

async function probeStorage(nav: NavigatorLike): Promise<DeviceCapabilities['storage']> {
  try {
    const estimate = await nav.storage?.estimate();
    if (!estimate || typeof estimate.quota !== 'number') return null;
    return { quotaBytes: estimate.quota, usageBytes: estimate.usage ?? 0 };
  } catch {
    return null;
  }
}

import { describe, expect, it } from 'vitest';
import { detectCapabilities } from './capabilities';

const GiB = 1024 ** 3;

/** A fake adapter shaped like Chromium's, SwiftShader by default. */
function adapter(over: { features?: string[]; info?: Partial<GPUAdapterInfo>; legacyFallback?: boolean } = {}) {
  return {
    features: new Set(over.features ?? ['float32-filterable']),
    limits: { maxBufferSize: GiB, maxStorageBufferBindingSize: GiB },
    info: { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: true, ...over.info },
    ...(over.legacyFallback !== undefined ? { isFallbackAdapter: over.legacyFallback } : {}),
  };
}

function scope(navigator: Record<string, unknown>, crossOriginIsolated = false) {
  return { navigator, crossOriginIsolated } as unknown as Parameters<typeof detectCapabilities>[0];
}

describe('detectCapabilities', () => {
  it('reads a SwiftShader adapter as a fallback without shader-f16', async () => {
    const caps = await detectCapabilities(
      scope({
        gpu: { requestAdapter: async () => adapter() },
        deviceMemory: 8,
        hardwareConcurrency: 2,
        storage: { estimate: async () => ({ quota: 10 * GiB, usage: 1234 }) },
      }, true),
    );
    expect(caps.gpu).toMatchObject({ isFallbackAdapter: true, shaderF16: false, maxBufferSize: GiB, maxStorageBufferBindingSize: GiB, architecture: 'swiftshader' });
    expect(caps).toMatchObject({ deviceMemoryGB: 8, hardwareConcurrency: 2, storage: { quotaBytes: 10 * GiB, usageBytes: 1234 }, crossOriginIsolated: true });
  });

  it('sees shader-f16 on a real GPU, and the older adapter.isFallbackAdapter flag', async () => {
    const real = await detectCapabilities(
      scope({ gpu: { requestAdapter: async () => adapter({ features: ['shader-f16'], info: { isFallbackAdapter: false, architecture: 'ampere' } }) } }),
    );
    expect(real.gpu).toMatchObject({ isFallbackAdapter: false, shaderF16: true, features: ['shader-f16'] });
    const legacy = await detectCapabilities(
      scope({ gpu: { requestAdapter: async () => adapter({ info: { isFallbackAdapter: undefined }, legacyFallback: true }) } }),
    );
    expect(legacy.gpu?.isFallbackAdapter).toBe(true);
  });

  it('reports no GPU when WebGPU is missing, gives no adapter, or throws', async () => {
    expect((await detectCapabilities(scope({}))).gpu).toBeNull();
    expect((await detectCapabilities(scope({ gpu: { requestAdapter: async () => null } }))).gpu).toBeNull();
    const throwing = { requestAdapter: async () => { throw new Error('blocked'); } };
    expect((await detectCapabilities(scope({ gpu: throwing }))).gpu).toBeNull();
  });

  it('says "unknown" instead of guessing when the browser hides memory and storage', async () => {
    const caps = await detectCapabilities(scope({ storage: { estimate: async () => { throw new Error('no'); } } }));
    expect(caps).toMatchObject({ deviceMemoryGB: null, hardwareConcurrency: 1, storage: null, crossOriginIsolated: false });
  });
});

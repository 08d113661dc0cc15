/**
 * WebLlmEngine after a GPU device loss, against a fake web-llm that gets its device the way web-llm
 * does (navigator.gpu.requestAdapter → adapter.requestDevice inside reload()) and a fake GPU whose
 * device can be lost on demand.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../src/lib/errors';
import type { LlmModel } from '../../src/lib/catalog/types';

class FakeDevice {
  #lose: (info: { reason: GPUDeviceLostReason; message: string }) => void = () => {};
  readonly lost = new Promise<{ reason: GPUDeviceLostReason; message: string }>((resolve) => (this.#lose = resolve));
  lose(reason: GPUDeviceLostReason = 'unknown', message = 'the GPU process went away'): void {
    this.#lose({ reason, message });
  }
}

class FakeAdapter {
  readonly features = new Set<string>();
  async requestDevice(): Promise<FakeDevice> {
    const device = new FakeDevice();
    gpuState.devices.push(device);
    return device;
  }
}

class FakeGpu {
  async requestAdapter(): Promise<FakeAdapter> {
    return new FakeAdapter();
  }
}

/** What the fake engine's stream does: yield these pieces, then hang, fail, or end. */
const gpuState = {
  devices: [] as FakeDevice[],
  pieces: ['Shield ', 'volcanoes '],
  then: 'end' as 'end' | 'hang' | 'fail',
  createCalls: 0,
};

vi.mock('@mlc-ai/web-llm', () => ({
  MLCEngine: class {
    #device: FakeDevice | null = null;
    async reload(): Promise<void> {
      const adapter = (await (navigator.gpu as unknown as FakeGpu).requestAdapter()) as FakeAdapter;
      this.#device = await adapter.requestDevice();
    }
    async unload(): Promise<void> {
      this.#device?.lose('destroyed', 'destroy() was called');
    }
    async interruptGenerate(): Promise<void> {}
    chat = {
      completions: {
        create: async () => {
          gpuState.createCalls++;
          return (async function* () {
            for (const piece of gpuState.pieces) yield { choices: [{ delta: { content: piece }, finish_reason: null }] };
            if (gpuState.then === 'hang') await new Promise(() => {});
            if (gpuState.then === 'fail') throw new TypeError("Cannot read properties of undefined (reading 'sync')");
          })();
        },
      },
    };
  },
}));

const { WebLlmEngine } = await import('./webllm');

const model: LlmModel = {
  id: 'tiny-q4f32',
  name: 'Tiny',
  kind: 'llm',
  engine: 'webllm',
  repo: 'x/tiny',
  revision: 'main',
  quantization: 'q4f32_1',
  downloadSizeMB: 1,
  memoryMB: 100,
  contextLength: 1024,
  requiredFeatures: [],
  license: 'MIT',
  sourceUrl: 'https://example.org',
  modelLib: 'tiny.wasm',
  lowResource: true,
};
const payload = { model, modelUrl: 'http://127.0.0.1/x/tiny/resolve/main/', libUrl: 'http://127.0.0.1/libs/tiny.wasm' };
const request = { messages: [{ role: 'user' as const, content: 'What are shield volcanoes?' }], maxTokens: 32, temperature: 0 };
const signal = () => new AbortController().signal;

async function loaded(onLost: (error: AppError) => void = () => {}) {
  const engine = new WebLlmEngine({ onLost });
  await engine.load(payload, () => {}, signal());
  return engine;
}

beforeEach(() => {
  Object.assign(gpuState, { devices: [], pieces: ['Shield ', 'volcanoes '], then: 'end', createCalls: 0 });
  vi.stubGlobal('navigator', { gpu: new FakeGpu() });
  vi.stubGlobal('caches', { match: async () => new Response(JSON.stringify({ quantization: 'q4f32_1' })) });
});
afterEach(() => vi.unstubAllGlobals());

describe('WebLlmEngine and a lost GPU device', () => {
  it('watches the device web-llm creates, and leaves navigator.gpu as it was', async () => {
    const engine = await loaded();
    expect(gpuState.devices).toHaveLength(1);
    expect(Object.hasOwn(navigator.gpu, 'requestAdapter')).toBe(false);
    expect(engine.isLoaded()).toBe(true);
    expect((await engine.generate(request, () => {}, signal())).text).toBe('Shield volcanoes ');
  });

  it('a loss mid-answer ends the generation with DEVICE_LOST (the streamed tokens are out), instead of hanging', async () => {
    const lost = vi.fn();
    const engine = await loaded(lost);
    gpuState.then = 'hang';
    const tokens: string[] = [];
    const generation = engine.generate(request, (t) => tokens.push(t), signal());
    await vi.waitFor(() => expect(tokens).toHaveLength(2));
    gpuState.devices[0]!.lose();
    await expect(generation).rejects.toMatchObject({ code: 'DEVICE_LOST' });
    expect(tokens.join('')).toBe('Shield volcanoes ');
    expect(engine.isLoaded()).toBe(false);
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('a call that fails just before the loss is reported is still DEVICE_LOST', async () => {
    const engine = await loaded();
    gpuState.then = 'fail';
    const generation = engine.generate(request, () => {}, signal());
    setTimeout(() => gpuState.devices[0]!.lose(), 20);
    const error = (await generation.catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('DEVICE_LOST');
    expect(error.detail).toContain("reading 'sync'");
  });

  it('a loss while idle: the model counts as unloaded, the next generate says DEVICE_LOST without calling web-llm, and a new load works', async () => {
    const lost = vi.fn();
    const engine = await loaded(lost);
    gpuState.devices[0]!.lose('unknown', 'device reset');
    await vi.waitFor(() => expect(lost).toHaveBeenCalledTimes(1));
    expect(engine.isLoaded()).toBe(false);
    await expect(engine.generate(request, () => {}, signal())).rejects.toMatchObject({ code: 'DEVICE_LOST' });
    expect(gpuState.createCalls).toBe(0);

    await engine.load(payload, () => {}, signal());
    expect(engine.isLoaded()).toBe(true);
    expect((await engine.generate(request, () => {}, signal())).text).toBe('Shield volcanoes ');
  });

  it('unloading or switching (device destroyed) is not a loss', async () => {
    const lost = vi.fn();
    const engine = await loaded(lost);
    await engine.load(payload, () => {}, signal()); // a reload destroys the first device
    await engine.unload();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(lost).not.toHaveBeenCalled();
  });

  it('an ordinary failure with a healthy device stays GENERATION_FAILED and the model stays loaded', async () => {
    const engine = await loaded();
    gpuState.then = 'fail';
    await expect(engine.generate(request, () => {}, signal())).rejects.toMatchObject({ code: 'GENERATION_FAILED' });
    expect(engine.isLoaded()).toBe(true);
  });
});

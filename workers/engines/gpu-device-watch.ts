/**
 * Noticing that web-llm's GPU device was lost. web-llm creates its GPUDevice inside `reload()` and
 * never hands it out. A device lost during `reload()` becomes a DeviceLostError, but one lost later
 * (driver reset, GPU out of memory, the browser reclaiming the GPU) is only logged, after which
 * web-llm unloads itself without awaiting it, and its next call throws ModelNotLoadedError, or hangs
 * on the dead device. So we watch the device ourselves: while `run` runs, `navigator.gpu.requestAdapter`
 * is shadowed on that one object (never on the prototype), and each adapter it returns reports the
 * device it creates. Both shadows go away when `run` ends.
 */
import { appError, type AppError } from '../../src/lib/errors';

type RequestAdapter = GPU['requestAdapter'];
type RequestDevice = GPUAdapter['requestDevice'];

/**
 * Run `run`, calling `onDevice` with every GPUDevice created through `gpu` meanwhile.
 * @param gpu `navigator.gpu` (undefined: no WebGPU, `run` runs unwatched)
 */
export async function watchDevicesDuring<T>(gpu: GPU | undefined, onDevice: (device: GPUDevice) => void, run: () => Promise<T>): Promise<T> {
  if (!gpu) return run();
  const own = Object.getOwnPropertyDescriptor(gpu, 'requestAdapter');
  const original: RequestAdapter = gpu.requestAdapter;
  const requestAdapter: RequestAdapter = async (options) => {
    const adapter = await original.call(gpu, options);
    if (adapter) {
      const requestDevice: RequestDevice = adapter.requestDevice;
      const watched: RequestDevice = async (descriptor) => {
        const device = await requestDevice.call(adapter, descriptor);
        onDevice(device);
        return device;
      };
      Object.defineProperty(adapter, 'requestDevice', { value: watched, configurable: true, writable: true });
    }
    return adapter;
  };
  Object.defineProperty(gpu, 'requestAdapter', { value: requestAdapter, configurable: true, writable: true });
  try {
    return await run();
  } finally {
    if (own) Object.defineProperty(gpu, 'requestAdapter', own);
    else delete (gpu as { requestAdapter?: RequestAdapter }).requestAdapter;
  }
}

/**
 * DEVICE_LOST for a real loss, null for reason 'destroyed': that is `GPUDevice.destroy()`, which
 * web-llm calls when we unload or switch models (and, after a real loss, only once the loss was
 * already reported with reason 'unknown').
 */
export function deviceLostError(info: Pick<GPUDeviceLostInfo, 'reason' | 'message'>): AppError | null {
  if (info.reason === 'destroyed') return null;
  return appError('DEVICE_LOST', { detail: `GPU device lost (reason: ${info.reason || 'unknown'}): ${info.message || 'no message'}` });
}

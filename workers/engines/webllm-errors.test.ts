import { describe, expect, it } from 'vitest';
import { AppError, ModelError } from '../../src/lib/errors';
import { mapWebLlmError } from './webllm-errors';

/** An error shaped like web-llm's named classes (they set `name` in the constructor). */
function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('mapWebLlmError', () => {
  it.each([
    ['ShaderF16SupportError', 'This model requires WebGPU extension shader-f16, which is not enabled in this browser.', 'SHADER_F16_UNSUPPORTED'],
    ['WebGPUNotAvailableError', 'WebGPU is not supported in your current environment', 'WEBGPU_UNAVAILABLE'],
    ['WebGPUNotFoundError', 'Cannot find WebGPU in the environment', 'WEBGPU_UNAVAILABLE'],
    ['DeviceLostError', 'The WebGPU device was lost while loading the model.', 'DEVICE_LOST'],
    ['IntegrityError', 'Integrity check failed for https://x/params_shard_0.bin', 'MODEL_DOWNLOAD_FAILED'],
  ] as const)('maps web-llm %s', (name, message, code) => {
    const error = mapWebLlmError(named(name, message), 'load');
    expect(error.code).toBe(code);
    expect(error).toBeInstanceOf(ModelError);
    expect(error.detail).toContain(name);
  });

  it('names the missing feature of a FeatureSupportError', () => {
    const error = mapWebLlmError(named('FeatureSupportError', 'This model requires feature timestamp-query, which is not yet supported by this browser.'), 'load');
    expect(error.code).toBe('WEBGPU_UNAVAILABLE');
    expect(error.message).toContain('timestamp-query');
  });

  it('maps a prompt longer than the context window to PROMPT_TOO_LONG', () => {
    const error = mapWebLlmError(named('ContextWindowSizeExceededError', 'Prompt tokens exceed context window size'), 'generate');
    expect(error.code).toBe('PROMPT_TOO_LONG');
  });

  it('maps a device lost during generation by its text', () => {
    expect(mapWebLlmError(new Error('GPU device lost: reason destroyed'), 'generate').code).toBe('DEVICE_LOST');
    // What Chromium's WebGPU and web-llm's own log say once the device is gone.
    expect(mapWebLlmError(new DOMException('Device lost during onSubmittedWorkDone', 'OperationError'), 'generate').code).toBe('DEVICE_LOST');
    expect(mapWebLlmError(new DOMException('Device is lost', 'OperationError'), 'generate').code).toBe('DEVICE_LOST');
    expect(mapWebLlmError(new Error('Device was lost. This can happen due to insufficient memory or other GPU constraints.'), 'generate').code).toBe('DEVICE_LOST');
  });

  it('maps ModelNotLoadedError while generating to DEVICE_LOST (web-llm unloads itself only when its device is lost)', () => {
    const gone = named('ModelNotLoadedError', 'Model not loaded before trying to complete ChatCompletionRequest.');
    const error = mapWebLlmError(gone, 'generate');
    expect(error.code).toBe('DEVICE_LOST');
    expect(error.message).toContain('loads the model again with your next question');
    expect(mapWebLlmError(gone, 'load').code).not.toBe('DEVICE_LOST');
  });

  it('maps GPU and WASM memory failures to OUT_OF_MEMORY', () => {
    expect(mapWebLlmError(named('GPUOutOfMemoryError', 'Out of memory'), 'load').code).toBe('OUT_OF_MEMORY');
    expect(mapWebLlmError(new RangeError('Array buffer allocation failed'), 'load').code).toBe('OUT_OF_MEMORY');
    expect(mapWebLlmError(new Error('Failed to allocate 1073741824 bytes of GPU memory'), 'load').code).toBe('OUT_OF_MEMORY');
  });

  it('maps a model file that is not there (404, or an HTML page instead of JSON) to MODEL_FILE_NOT_FOUND', () => {
    expect(
      mapWebLlmError(new Error('ArtifactOPFSCache: Unable to fetch http://127.0.0.1/m/resolve/main/tensor-cache.json, received status 404'), 'load').code,
    ).toBe('MODEL_FILE_NOT_FOUND');
    expect(mapWebLlmError(new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON`), 'load').code).toBe('MODEL_FILE_NOT_FOUND');
  });

  it('maps failed downloads (Cache API, IndexedDB cache, network) to MODEL_DOWNLOAD_FAILED', () => {
    expect(mapWebLlmError(new TypeError("Failed to execute 'add' on 'Cache': Request failed"), 'load').code).toBe('MODEL_DOWNLOAD_FAILED');
    expect(mapWebLlmError(new Error('Failed to store https://x/y with error: Error: Network response was not ok'), 'load').code).toBe(
      'MODEL_DOWNLOAD_FAILED',
    );
    expect(mapWebLlmError(new Error('Cannot fetch https://x/mlc-chat-config.json'), 'load').code).toBe('MODEL_DOWNLOAD_FAILED');
    expect(mapWebLlmError(new TypeError('Failed to fetch'), 'load').code).toBe('MODEL_DOWNLOAD_FAILED');
  });

  it('maps a model library that is not valid WebAssembly to MODEL_LOAD_FAILED', () => {
    const compile = new WebAssembly.CompileError('WebAssembly.instantiate(): expected magic word 00 61 73 6d');
    expect(mapWebLlmError(compile, 'load').code).toBe('MODEL_LOAD_FAILED');
  });

  it('maps aborts and a full disk', () => {
    expect(mapWebLlmError(new DOMException('The user aborted a request.', 'AbortError'), 'load').code).toBe('ABORTED');
    expect(mapWebLlmError(new DOMException('Quota exceeded', 'QuotaExceededError'), 'load').code).toBe('STORAGE_FULL');
  });

  it('falls back by phase, keeping the original text as detail', () => {
    const load = mapWebLlmError(new Error('something odd'), 'load');
    expect(load.code).toBe('MODEL_LOAD_FAILED');
    expect(load.detail).toBe('Error: something odd');
    expect(mapWebLlmError(new Error('something odd'), 'generate').code).toBe('GENERATION_FAILED');
    expect(mapWebLlmError('a string', 'generate').code).toBe('GENERATION_FAILED');
  });

  it('does not call a network-ish text during generation a download failure', () => {
    expect(mapWebLlmError(new Error('NetworkError in pipeline'), 'generate').code).toBe('GENERATION_FAILED');
  });

  it('passes an AppError through unchanged', () => {
    const original = new AppError('SHADER_F16_UNSUPPORTED');
    expect(mapWebLlmError(original, 'load')).toBe(original);
  });
});

/**
 * web-llm's errors as AppErrors. web-llm throws named classes (ShaderF16SupportError,
 * WebGPUNotAvailableError, DeviceLostError…) for what it detects itself, and the browser's own
 * errors (Cache API, WebAssembly, GPU) for the rest; both are matched by name and text so this module
 * never imports web-llm and runs in Node tests.
 */
import { appError, type AppError } from '../../src/lib/errors';
import { classifyCommon, describeError, fallbackError, type EnginePhase } from './errors';

/**
 * Map anything web-llm (or the browser under it) throws to an AppError.
 * @param phase 'load' falls back to MODEL_LOAD_FAILED, 'generate' to GENERATION_FAILED.
 */
export function mapWebLlmError(error: unknown, phase: EnginePhase): AppError {
  const name = error instanceof Error ? error.name : '';
  const text = describeError(error);
  const opts = { detail: text, cause: error };

  switch (name) {
    case 'ShaderF16SupportError':
      return appError('SHADER_F16_UNSUPPORTED', opts);
    case 'FeatureSupportError': {
      const feature = /feature[s]?:?\s*"?([\w-]+)"?/i.exec(error instanceof Error ? error.message : '')?.[1];
      return appError('WEBGPU_UNAVAILABLE', {
        ...opts,
        message: `This GPU lacks a WebGPU feature this model needs${feature ? ` (${feature})` : ''}. Pick a model for the WASM engine (GGUF).`,
      });
    }
    case 'WebGPUNotAvailableError':
    case 'WebGPUNotFoundError':
      return appError('WEBGPU_UNAVAILABLE', opts);
    case 'DeviceLostError':
      return appError('DEVICE_LOST', opts);
    case 'ModelNotLoadedError':
      // We only generate after a load that worked; web-llm drops a loaded model on its own only in
      // its device.lost handler, so a model that vanished means the GPU device was lost.
      if (phase === 'generate') return appError('DEVICE_LOST', opts);
      break;
    case 'ContextWindowSizeExceededError':
      return appError('PROMPT_TOO_LONG', opts);
    case 'GPUOutOfMemoryError':
      return appError('OUT_OF_MEMORY', opts);
    case 'IntegrityError':
      return appError('MODEL_DOWNLOAD_FAILED', { ...opts, message: 'A downloaded model file is damaged (checksum mismatch). Try again.' });
    case 'CompileError':
    case 'LinkError':
      return appError('MODEL_LOAD_FAILED', {
        ...opts,
        message: 'The model library could not be started. It may not match this version of Hearth; check the model source in Settings.',
      });
    default:
      break;
  }
  if (/shader-f16/i.test(text)) return appError('SHADER_F16_UNSUPPORTED', opts);
  if (/WebGPU is not supported|Cannot find WebGPU|navigator\.gpu|requestAdapter/i.test(text)) return appError('WEBGPU_UNAVAILABLE', opts);
  if (/device (was |is )?lost|GPUDevice.*lost|DXGI_ERROR_DEVICE_REMOVED/i.test(text)) return appError('DEVICE_LOST', opts);
  // "Cannot fetch <url>" / "Failed to store <url> with error: …" from web-llm's artifact caches.
  if (phase === 'load' && /Cannot fetch https?:|Failed to store https?:|Unable to fetch https?:/i.test(text)) {
    return classifyCommon(error, phase)?.code === 'MODEL_FILE_NOT_FOUND'
      ? appError('MODEL_FILE_NOT_FOUND', opts)
      : appError('MODEL_DOWNLOAD_FAILED', opts);
  }
  return classifyCommon(error, phase) ?? fallbackError(error, phase);
}

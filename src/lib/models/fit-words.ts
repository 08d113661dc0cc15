/**
 * Why a model may not run well here, as plain-words problems for the reader's language: the same
 * checks as `checkFits` (device/recommend.ts), each a message key with its values.
 */
import type { LlmModel } from '../catalog/types';
import type { DeviceCapabilities } from '../device/capabilities';
import { memoryBudgetMB, missingFeatures } from '../device/recommend';

export type FitProblem =
  | { kind: 'noWebGpu' }
  | { kind: 'noF16' }
  | { kind: 'missingFeatures'; features: string }
  | { kind: 'softwareGpu' }
  | { kind: 'memory'; needMB: number; haveGB: number }
  | { kind: 'fileTooBig' }
  | { kind: 'noRoom'; sizeMB: number; freeMB: number };

/** wllama reads a GGUF into one ArrayBuffer; bigger files must be split. */
const WASM_SINGLE_FILE_LIMIT_MB = 2048;

export function fitProblems(model: LlmModel, caps: DeviceCapabilities): FitProblem[] {
  const problems: FitProblem[] = [];
  if (model.engine === 'webllm') {
    if (caps.gpu === null) problems.push({ kind: 'noWebGpu' });
    else {
      const missing = missingFeatures(model, caps);
      if (missing.includes('shader-f16')) problems.push({ kind: 'noF16' });
      const others = missing.filter((f) => f !== 'shader-f16');
      if (others.length > 0) problems.push({ kind: 'missingFeatures', features: others.join(', ') });
      if (caps.gpu.isFallbackAdapter) problems.push({ kind: 'softwareGpu' });
    }
  }
  if (caps.deviceMemoryGB !== null && model.memoryMB > memoryBudgetMB(caps)) problems.push({ kind: 'memory', needMB: model.memoryMB, haveGB: caps.deviceMemoryGB });
  if (model.engine === 'wllama' && model.downloadSizeMB > WASM_SINGLE_FILE_LIMIT_MB && !/-\d{5}-of-\d{5}\.gguf$/u.test(model.file)) problems.push({ kind: 'fileTooBig' });
  if (caps.storage) {
    const freeMB = (caps.storage.quotaBytes - caps.storage.usageBytes) / (1024 * 1024);
    if (model.downloadSizeMB > freeMB) problems.push({ kind: 'noRoom', sizeMB: model.downloadSizeMB, freeMB: Math.max(0, freeMB) });
  }
  return problems;
}

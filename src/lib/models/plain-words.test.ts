import { describe, expect, it } from 'vitest';
import type { ModelRecord } from '../catalog/types';
import type { DeviceCapabilities } from '../device/capabilities';
import { languageIn, needsHalfPrecision, plainLanguages, plainMemory, plainSize, quantizationBits, speedOn } from './plain-words';
import { rowStatus } from './row-status';
import { wordsFor } from '../i18n/all-catalogs';
import { sizeUnits } from '../i18n/units';

const gpu = { isFallbackAdapter: false, shaderF16: false, maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30, features: [], vendor: '', architecture: '', description: '' };
const device = (over: Partial<DeviceCapabilities> = {}): DeviceCapabilities => ({ gpu, deviceMemoryGB: 8, hardwareConcurrency: 8, storage: null, crossOriginIsolated: true, ...over });

function llm(over: Partial<ModelRecord> & Pick<ModelRecord, 'engine'>): ModelRecord {
  return {
    id: 'm', name: 'M', kind: 'llm', repo: 'r', revision: 'main', quantization: 'q4f32_1', downloadSizeMB: 500, memoryMB: 900, contextLength: 4096,
    requiredFeatures: [], license: 'apache-2.0', sourceUrl: '', file: 'm.gguf', modelLib: 'm.wasm', lowResource: false, ...over,
  } as unknown as ModelRecord;
}

describe('sizes in everyday terms', () => {
  it('gives downloads in MB below a gigabyte and GB with one decimal above, in the reader’s number format', () => {
    expect(plainSize(1229, 'en')).toBe('1.2 GB');
    expect(plainSize(469, 'en')).toBe('469 MB');
    expect(plainSize(1.2, 'en')).toBe('1.2 MB');
    expect(plainSize(1229, 'de')).toBe('1,2 GB');
    expect(plainSize(1229, 'fr', sizeUnits(wordsFor('fr')))).toBe('1,2 Go');
    expect(plainMemory(630, 'fr', sizeUnits(wordsFor('fr')))).toBe('700 Mo');
    expect(plainSize(0, 'en')).toBe('0 MB');
  });

  it('rounds memory up: hundreds of MB below a gigabyte, half gigabytes above', () => {
    expect(plainMemory(630, 'en')).toBe('700 MB');
    expect(plainMemory(16, 'en')).toBe('100 MB');
    expect(plainMemory(1894, 'en')).toBe('2 GB');
    expect(plainMemory(2245, 'en')).toBe('2.5 GB');
    expect(plainMemory(2245, 'es')).toBe('2,5 GB');
    expect(plainMemory(7545, 'en')).toBe('7.5 GB');
  });
});

describe('speed on this device', () => {
  it('calls small GPU models fast on a real graphics chip and big ones moderate or slow', () => {
    expect(speedOn(llm({ engine: 'webllm', paramsM: 1500 }), device())).toBe('fast');
    expect(speedOn(llm({ engine: 'webllm', paramsM: 4000 }), device({ deviceMemoryGB: 16 }))).toBe('moderate');
    expect(speedOn(llm({ engine: 'webllm', paramsM: 9000, memoryMB: 7000 }), device({ deviceMemoryGB: 32 }))).toBe('slow');
  });

  it('says a GPU model will not run without WebGPU or without shader-f16, and is slow on a software renderer', () => {
    expect(speedOn(llm({ engine: 'webllm', paramsM: 500 }), device({ gpu: null }))).toBe('no');
    expect(speedOn(llm({ engine: 'webllm', paramsM: 500, quantization: 'q4f16_1' }), device())).toBe('no');
    expect(speedOn(llm({ engine: 'webllm', paramsM: 500 }), device({ gpu: { ...gpu, isFallbackAdapter: true } }))).toBe('slow');
  });

  it('holds processor models to a lower bar, and says a model far beyond the memory will not run', () => {
    expect(speedOn(llm({ engine: 'wllama', paramsM: 360 }), device())).toBe('fast');
    expect(speedOn(llm({ engine: 'wllama', paramsM: 1200 }), device())).toBe('moderate');
    expect(speedOn(llm({ engine: 'wllama', paramsM: 3000 }), device())).toBe('slow');
    expect(speedOn(llm({ engine: 'wllama', paramsM: 3000, memoryMB: 6000 }), device({ deviceMemoryGB: 4 }))).toBe('no');
  });
});

describe('languages', () => {
  it('names the reader’s language and English first, then counts the rest', () => {
    expect(plainLanguages(['zh', 'en', 'fr', 'de'], 'en')).toEqual({ named: ['English', 'Chinese'], more: 2 });
    expect(plainLanguages(['zh', 'en', 'fr', 'de'], 'de')).toEqual({ named: ['Deutsch', 'Englisch'], more: 2 });
    expect(plainLanguages(['en', 'de'], 'fr')).toEqual({ named: ['Anglais', 'Allemand'], more: 0 });
  });

  it('assumes English when the card lists none', () => {
    expect(plainLanguages(undefined, 'en')).toEqual({ named: ['English'], more: 0 });
    expect(languageIn('es', 'es')).toBe('Español');
  });
});

describe('technical terms', () => {
  it('reads the bits a quantization keeps, and full precision as null', () => {
    expect(quantizationBits('q4f32_1')).toBe(4);
    expect(quantizationBits('Q8_0')).toBe(8);
    expect(quantizationBits('Q4_K_M')).toBe(4);
    expect(quantizationBits('q0f16')).toBeNull();
    expect(quantizationBits('F32')).toBeNull();
  });

  it('knows which MLC builds need the GPU’s 16-bit feature', () => {
    expect(needsHalfPrecision({ engine: 'webllm', quantization: 'q4f16_1' })).toBe(true);
    expect(needsHalfPrecision({ engine: 'webllm', quantization: 'q4f32_1' })).toBe(false);
    expect(needsHalfPrecision({ engine: 'wllama', quantization: 'F16' })).toBe(false);
  });
});

describe('row status', () => {
  const base = { chosen: true, status: 'idle', downloading: false, stored: 'none' } as const;
  it('says "in use" only when the chosen model is loaded', () => {
    expect(rowStatus({ ...base, status: 'ready', stored: 'complete' })).toBe('inUse');
    expect(rowStatus(base)).toBe('chosenNotDownloaded');
    expect(rowStatus({ ...base, stored: 'partial' })).toBe('chosenNotDownloaded');
    expect(rowStatus({ ...base, stored: 'complete' })).toBe('chosenDownloaded');
    expect(rowStatus({ ...base, status: 'error', stored: 'complete' })).toBe('chosenDownloaded');
  });

  it('says "downloading" while a download runs, and "loading" when a stored model loads', () => {
    expect(rowStatus({ ...base, status: 'loading' })).toBe('downloading');
    expect(rowStatus({ ...base, chosen: false, downloading: true })).toBe('downloading');
    expect(rowStatus({ ...base, status: 'loading', stored: 'complete' })).toBe('loading');
    expect(rowStatus({ ...base, chosen: false, stored: 'complete' })).toBeNull();
  });
});

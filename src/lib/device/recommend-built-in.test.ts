import { describe, expect, it } from 'vitest';
import shipped from '../../../models.json';
import { parseCatalog } from '../catalog/load';
import { builtInOffer, type BuiltInOffer } from '../llm/built-in/offer';
import type { Availability } from '../llm/built-in/api';
import type { DeviceCapabilities, GpuCapabilities } from './capabilities';
import { recommendLlm } from './recommend';
import { preferBuiltIn } from './recommend-built-in';
import { wordsFor } from '../i18n/all-catalogs';
import { llmReasonText } from '../models/reason-words';

const say = (r: Parameters<typeof llmReasonText>[1]) => llmReasonText(wordsFor('en'), r);

const catalog = parseCatalog(shipped);
const GiB = 1024 ** 3;
const realGpu: GpuCapabilities = {
  isFallbackAdapter: false, shaderF16: true, maxBufferSize: 4 * GiB, maxStorageBufferBindingSize: 2 * GiB,
  features: ['shader-f16'], vendor: 'apple', architecture: 'metal-3', description: '',
};
const laptop = (gpu: GpuCapabilities | null): DeviceCapabilities => ({
  gpu, deviceMemoryGB: 16, hardwareConcurrency: 8, storage: { quotaBytes: 50 * GiB, usageBytes: 0 }, crossOriginIsolated: true,
});
/** The browser's answer for English, Spanish and Japanese (Chrome's documented languages). */
const offer = (status: Availability, ja: Availability = status): BuiltInOffer =>
  builtInOffer({ overall: status, byLanguage: { en: status, es: status, ja }, expected: ['en'] });

function pick(caps: DeviceCapabilities, builtIn: BuiltInOffer, language = 'en-US') {
  return preferBuiltIn(recommendLlm(catalog, caps, language), builtIn, language);
}
/** Hearth's own CPU pick (either CPU engine, see cpu-engine.ts) on a laptop without WebGPU. */
const cpuPick = (language = 'en-US') => recommendLlm(catalog, laptop(null), language).model.id;

describe('preferBuiltIn', () => {
  it('picks the browser model when it is on the device already and Hearth would otherwise run on the CPU', () => {
    const { model, reason } = pick(laptop(null), offer('available'));
    expect(model.engine).toBe('prompt-api');
    expect(say(reason)).toMatch(/already on this device \(nothing to download\)/);
    // names what it was preferred over, so the person can choose that instead
    expect(say(reason)).toContain(recommendLlm(catalog, laptop(null)).model.name);
  });

  it('keeps the WebGPU pick on a real GPU: the browser model is offered there, not picked', () => {
    expect(pick(laptop(realGpu), offer('available')).model.engine).toBe('webllm');
  });

  it('never picks a model the browser would first have to download', () => {
    expect(pick(laptop(null), offer('downloadable')).model.id).toBe(cpuPick());
    expect(pick(laptop(null), offer('downloading')).model.id).toBe(cpuPick());
  });

  it('never picks it where the browser has none, or one that cannot run', () => {
    expect(pick(laptop(null), { status: 'absent' }).model.id).toBe(cpuPick());
    expect(pick(laptop(null), offer('unavailable')).model.id).toBe(cpuPick());
  });

  it("picks it for a Japanese browser only when it handles Japanese, and says so", () => {
    const yes = pick(laptop(null), offer('available'), 'ja-JP');
    expect(yes.model.engine).toBe('prompt-api');
    expect(say(yes.reason)).toContain('supports Japanese');
    expect(pick(laptop(null), offer('available', 'unavailable'), 'ja-JP').model.id).toBe(cpuPick('ja-JP'));
  });

  it('keeps the CPU pick for a German browser: the browser model does not list German', () => {
    expect(pick(laptop(null), offer('available'), 'de-DE').model.id).toBe(cpuPick('de-DE'));
  });
});

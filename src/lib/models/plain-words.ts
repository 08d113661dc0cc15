/**
 * A model's facts in everyday terms, for people who have never heard of quantization: how big the
 * download is, how much memory it needs, how fast it will feel on this device, and which languages it
 * speaks. Pure functions of the model record and the device (no DOM, no catalog of messages): the
 * components put the pieces into translated sentences.
 */
import type { ModelRecord } from '../catalog/types';
import { fixedDigits } from '../i18n/number-format';
import type { DeviceCapabilities } from '../device/capabilities';
import { memoryBudgetMB, missingFeatures } from '../device/recommend';
import { ENGLISH_UNITS, type SizeUnits } from '../storage/size-format';

/** How a model will feel here: 'fast', 'moderate' and 'slow' run; 'no' cannot run on this device. */
export type Speed = 'fast' | 'moderate' | 'slow' | 'no';

/**
 * "1.2 GB", "470 MB", "23 MB" in the reader's language (decimal comma in German, French, Spanish),
 * with the catalog's unit names (`units`: i18n/units.ts sizeUnits; French writes "Go", "Mo").
 */
export function plainSize(megabytes: number, locale: string, units: SizeUnits = ENGLISH_UNITS): string {
  const [, , mb, gb] = units;
  if (!Number.isFinite(megabytes) || megabytes <= 0) return `0 ${mb}`;
  if (megabytes >= 1000) return `${number(megabytes / 1024, megabytes >= 10 * 1024 ? 0 : 1, locale)} ${gb}`;
  return `${number(megabytes < 10 ? megabytes : Math.round(megabytes), megabytes < 10 ? 1 : 0, locale)} ${mb}`;
}

/**
 * The memory a model needs, rounded up the way people think of it: "about 700 MB", "about 2 GB",
 * "about 2.5 GB" (hundreds of MB below a gigabyte, half gigabytes above).
 */
export function plainMemory(megabytes: number, locale: string, units: SizeUnits = ENGLISH_UNITS): string {
  const [, , mb, gb] = units;
  if (!Number.isFinite(megabytes) || megabytes <= 0) return `0 ${mb}`;
  if (megabytes < 950) return `${number(Math.max(100, Math.ceil(megabytes / 100) * 100), 0, locale)} ${mb}`;
  const halves = Math.ceil(megabytes / 512) / 2;
  return `${number(halves, Number.isInteger(halves) ? 0 : 1, locale)} ${gb}`;
}

function number(value: number, digits: number, locale: string): string {
  return fixedDigits(value, digits, locale);
}

/** Parameters in millions: the record's, else its memory in MB as a rough stand-in (imported models have no count). */
function sizeInMillions(model: ModelRecord): number {
  return model.paramsM ?? model.memoryMB;
}

/**
 * How fast a model will answer on this device. On a real graphics chip (WebGPU) models up to ~2B
 * parameters are fast and up to ~4.5B moderate; on the processor (WASM) the bar is far lower (~0.5B
 * fast, ~1.3B moderate), since it reads the passages at tens of words a second. A WebGPU model
 * cannot run without WebGPU or without a GPU feature it needs, and crawls on a software renderer.
 */
export function speedOn(model: ModelRecord, caps: DeviceCapabilities | null): Speed {
  if (caps && model.memoryMB > memoryBudgetMB(caps) * 1.5 && caps.deviceMemoryGB !== null) return 'no';
  const size = sizeInMillions(model);
  if (model.engine === 'webllm') {
    if (!caps) return size <= 2000 ? 'fast' : size <= 4500 ? 'moderate' : 'slow';
    if (caps.gpu === null || missingFeatures(model, caps).length > 0) return 'no';
    if (caps.gpu.isFallbackAdapter) return 'slow';
    return size <= 2000 ? 'fast' : size <= 4500 ? 'moderate' : 'slow';
  }
  return size <= 500 ? 'fast' : size <= 1300 ? 'moderate' : 'slow';
}

/** Where a model runs, for the one-line explanation: the graphics chip or the processor. */
export function runsOn(model: Pick<ModelRecord, 'engine'>): 'gpu' | 'cpu' {
  return model.engine === 'webllm' ? 'gpu' : 'cpu';
}

/** A language's name in the reader's language ("de" → "German", "Deutsch", "allemand"); the code itself when unknown. */
export function languageIn(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return code;
  }
}

export interface PlainLanguages {
  /** The first languages by name: the reader's own first, then English, then the card's order. */
  named: string[];
  /** How many more the model speaks. */
  more: number;
}

/** "English, Chinese +27": a model's languages, the reader's and English first; English alone when the card lists none. */
export function plainLanguages(languages: readonly string[] | undefined, locale: string, shown = 2): PlainLanguages {
  const codes = languages?.length ? [...new Set(languages)] : ['en'];
  const own = locale.split('-')[0]!;
  const order = (code: string) => (code === own ? 0 : code === 'en' ? 1 : 2);
  const sorted = codes.map((code, i) => ({ code, i })).sort((a, b) => order(a.code) - order(b.code) || a.i - b.i);
  return { named: sorted.slice(0, shown).map(({ code }) => languageIn(code, locale)), more: Math.max(0, codes.length - shown) };
}

/** How many bits a quantization keeps per number ("q4f32_1" → 4, "Q8_0" → 8), or null for full precision ("F32", "q0f16", "fp32"). */
export function quantizationBits(quantization: string): number | null {
  const match = /^q(\d+)/iu.exec(quantization);
  if (!match) return null;
  const bits = Number(match[1]);
  return bits > 0 ? bits : null;
}

/** Whether an MLC build needs the GPU's 16-bit feature (shader-f16): the "f16" in "q4f16_1". */
export function needsHalfPrecision(model: Pick<ModelRecord, 'engine' | 'quantization'>): boolean {
  return model.engine === 'webllm' && /f16/u.test(model.quantization);
}

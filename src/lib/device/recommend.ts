/**
 * Which language model this device should run, and whether a chosen one will fit. Pure functions of
 * the catalog and `DeviceCapabilities`, so they are tested with hand-made devices.
 *
 * The rules: a tier by memory caps the model size (GPU: ~150M below 2 GB, ~1B below 4 GB, ~2B
 * phone-class below 8 GB, ~4.5B laptop-class below 16 GB, ~10B on a strong device; the CPU stops at
 * ~1.3B, since prompts are read there at tens of tokens per second); within the tier, the model must
 * fit the memory budget and the GPU's features (q4f32 builds when the GPU lacks shader-f16), and the
 * catalog's `rank` (its reading of the published figures) picks the strongest. The WASM engine (GGUF on
 * the CPU) runs when there is no WebGPU adapter or only a software one. A model that supports the
 * user's language (the browser's) comes first; English is assumed for models that list no languages.
 */
import type { Catalog, LlmModel, ModelRecord } from '../catalog/types';
import type { DeviceCapabilities } from './capabilities';
import { chooseCpuEngine, type EngineTableRow } from './cpu-engine';
import { CPU_ENGINE_TABLE } from './cpu-engine-table';
import type { Figure, LanguageFit, LlmReason, NoGpu, Strength } from './reasons';

export interface Recommendation {
  model: LlmModel;
  /** Why this model, as facts (models/reason-words.ts says it). */
  reason: LlmReason;
  /** On the CPU: the same model on the other CPU engine, loaded when this one fails to load. */
  fallback?: LlmModel;
}

interface Tier {
  /** The tier applies below this much device memory (GiB). */
  belowGB: number;
  maxParamsM: number;
  maxParamsMOnCpu: number;
}

const TIERS: Tier[] = [
  { belowGB: 2, maxParamsM: 150, maxParamsMOnCpu: 150 },
  { belowGB: 4, maxParamsM: 1000, maxParamsMOnCpu: 400 },
  // Phone-class (4 GB): a ~2B model on its GPU, a ~0.7B one on its CPU.
  { belowGB: 8, maxParamsM: 2000, maxParamsMOnCpu: 800 },
  // Laptop-class (8 to 16 GB; browsers that cap navigator.deviceMemory at 8 report every bigger device here).
  { belowGB: 16, maxParamsM: 4500, maxParamsMOnCpu: 1300 },
  // A strong device (16 GB or more reported).
  { belowGB: Infinity, maxParamsM: 10_000, maxParamsMOnCpu: 1300 },
];

/** When the browser does not say (Firefox, Safari), assume a mid-range device. */
const UNKNOWN_MEMORY_GB = 3;
/** Share of device memory a model may take (the GPU shares it on most laptops and phones). */
const MEMORY_SHARE = 0.6;
/** wllama reads a GGUF into one ArrayBuffer; bigger files must be split. */
const WASM_SINGLE_FILE_LIMIT_MB = 2048;

/**
 * The GPU features a model needs: the ones its record lists, plus `shader-f16` for any f16 web-llm
 * build (web-llm's own list leaves some of those unmarked, and they fail late without it).
 */
export function requiredFeaturesOf(model: ModelRecord): string[] {
  const features = new Set(model.requiredFeatures);
  if (model.engine === 'webllm' && /f16/.test(model.quantization)) features.add('shader-f16');
  return [...features];
}

/** Features the model needs that this device's adapter does not offer (all of them without WebGPU). */
export function missingFeatures(model: ModelRecord, caps: DeviceCapabilities): string[] {
  const have = new Set(caps.gpu?.features ?? []);
  if (caps.gpu?.shaderF16) have.add('shader-f16');
  return requiredFeaturesOf(model).filter((f) => !have.has(f));
}

/** A real GPU that web-llm can use: an adapter that is not a software fallback. */
function hasRealGpu(caps: DeviceCapabilities): boolean {
  return caps.gpu !== null && !caps.gpu.isFallbackAdapter;
}

function memoryGB(caps: DeviceCapabilities): number {
  return caps.deviceMemoryGB ?? UNKNOWN_MEMORY_GB;
}

function tierOf(caps: DeviceCapabilities): Tier {
  const gb = memoryGB(caps);
  return TIERS.find((t) => gb < t.belowGB) ?? TIERS[TIERS.length - 1]!;
}

/** The memory (MB) Hearth's models may take on this device, together: what `fitsMemory` and the
 *  several-windows check (models/open-elsewhere.ts) measure the catalog's `memoryMB` against. */
export function memoryBudgetMB(caps: Pick<DeviceCapabilities, 'deviceMemoryGB'>): number {
  return (caps.deviceMemoryGB ?? UNKNOWN_MEMORY_GB) * 1024 * MEMORY_SHARE;
}

function fitsMemory(model: LlmModel, caps: DeviceCapabilities): boolean {
  return model.memoryMB <= memoryBudgetMB(caps);
}

/** The catalog's rank first (unranked models last), then bigger, then the catalog's default, then the
 *  smaller memory footprint. */
function byPreference(defaultId: string) {
  return (a: LlmModel, b: LlmModel) =>
    (b.rank ?? -Infinity) - (a.rank ?? -Infinity) ||
    (b.paramsM ?? 0) - (a.paramsM ?? 0) ||
    Number(b.id === defaultId) - Number(a.id === defaultId) ||
    a.memoryMB - b.memoryMB;
}

/** Published figures the sentence may quote, in order: what answering from passages needs most first. */
const FIGURES: readonly Figure['name'][] = ['IFEval', 'MMLU-Pro', 'MMLU'];

/** Why this pick: the strongest that fits (when the catalog ranks it), and the first published figure
 *  that matters for answers from passages (instruction following, then general knowledge). */
function strengthOf(pick: LlmModel): Strength | null {
  if (pick.rank === undefined) return null;
  const name = FIGURES.find((n) => pick.quality?.[n] !== undefined);
  return { figure: name ? { name, value: pick.quality![name]! } : null };
}

/** "de-AT" → "de"; English when the browser does not say. */
export function primaryLanguage(tag: string | undefined): string {
  return tag?.toLowerCase().split(/[-_]/)[0] || 'en';
}

function speaks(model: LlmModel, language: string): boolean {
  return (model.languages ?? ['en']).includes(language);
}

/** Models speaking the user's language first, then `byPreference`. */
function byLanguageThenPreference(language: string, defaultId: string) {
  const preference = byPreference(defaultId);
  return (a: LlmModel, b: LlmModel) => Number(speaks(b, language)) - Number(speaks(a, language)) || preference(a, b);
}

/** Whether the pick supports a non-English user's language (null for English). */
function languageFit(pick: LlmModel, language: string): LanguageFit | null {
  return language === 'en' ? null : { language, supported: speaks(pick, language) };
}

function listLlms(catalog: Catalog, engine: LlmModel['engine']): LlmModel[] {
  return catalog.models.filter((m): m is LlmModel => m.kind === 'llm' && m.engine === engine && !m.hidden);
}

/**
 * Pick the LLM for this device. Always returns a model of the catalog.
 * @returns the model and why (a reason's facts).
 */
export function recommendLlm(
  catalog: Catalog,
  caps: DeviceCapabilities,
  browserLanguage = 'en',
  engineTable: readonly EngineTableRow[] = CPU_ENGINE_TABLE,
): Recommendation {
  const tier = tierOf(caps);
  const language = primaryLanguage(browserLanguage);

  if (hasRealGpu(caps)) {
    const usable = listLlms(catalog, 'webllm').filter((m) => missingFeatures(m, caps).length === 0);
    const inTier = usable.filter((m) => (m.paramsM ?? Infinity) <= tier.maxParamsM && fitsMemory(m, caps));
    const pick = inTier.sort(byLanguageThenPreference(language, catalog.defaults.llm))[0];
    if (pick) {
      return {
        model: pick,
        reason: { code: 'gpu', model: pick.name, memoryGB: caps.deviceMemoryGB, strength: strengthOf(pick), f32: !caps.gpu?.shaderF16, language: languageFit(pick, language) },
      };
    }
  }

  const why: NoGpu = caps.gpu === null ? 'no-webgpu' : caps.gpu.isFallbackAdapter ? 'software' : 'no-fit';
  const wasm = listLlms(catalog, 'wllama');
  const inTier = wasm.filter((m) => (m.paramsM ?? Infinity) <= tier.maxParamsMOnCpu && fitsMemory(m, caps));
  const tierPick = inTier.sort(byLanguageThenPreference(language, catalog.defaults.llmWasm))[0];
  // Nothing fits: the smallest CPU model is the one most likely to run at all (checkFits says why not).
  const pick = tierPick ?? [...wasm].sort((a, b) => a.memoryMB - b.memoryMB)[0];
  if (pick) {
    // The same model may also be in the catalog for the other CPU engine: run it on the faster one.
    const onCpu = [...wasm, ...listLlms(catalog, 'transformers')].filter((m) => fitsMemory(m, caps));
    const choice = chooseCpuEngine(pick, onCpu, engineTable, caps.crossOriginIsolated ? caps.hardwareConcurrency : 1);
    return {
      model: choice.model,
      reason: {
        code: 'cpu',
        why,
        model: choice.model.name,
        memoryGB: caps.deviceMemoryGB,
        engine: choice.faster,
        strength: tierPick ? strengthOf(pick) : null,
        language: languageFit(choice.model, language),
      },
      ...(choice.fallback ? { fallback: choice.fallback } : {}),
    };
  }
  // A catalog without GGUF models: the default is all there is (checkFits will say why it may fail).
  const fallback = catalog.models.find((m): m is LlmModel => m.id === catalog.defaults.llm && m.kind === 'llm');
  if (!fallback) throw new Error('catalog has no LLM'); // parseCatalog rules this out
  return { model: fallback, reason: { code: 'no-cpu-model', why, model: fallback.name } };
}

/**
 * Why a model may not run well here, as text for the user, or null when it should be fine.
 * Several problems are joined into one paragraph, the most serious first.
 */
export function checkFits(model: LlmModel, caps: DeviceCapabilities): string | null {
  const warnings: string[] = [];
  if (model.engine === 'webllm') {
    if (caps.gpu === null) {
      warnings.push('This browser offers no WebGPU, which this model needs: pick a WASM (GGUF) model.');
    } else {
      const missing = missingFeatures(model, caps);
      if (missing.includes('shader-f16')) {
        warnings.push('This GPU lacks shader-f16, which this f16 model needs: pick its q4f32 build.');
      }
      const others = missing.filter((f) => f !== 'shader-f16');
      if (others.length > 0) warnings.push(`This GPU lacks ${others.join(', ')}, which this model needs.`);
      if (caps.gpu.isFallbackAdapter) {
        warnings.push("This device's WebGPU is a software renderer: this model would be extremely slow; a WASM (GGUF) model is faster.");
      }
    }
  }
  if (caps.deviceMemoryGB !== null && !fitsMemory(model, caps)) {
    warnings.push(
      `This model needs about ${formatMB(model.memoryMB)} of memory and this device reports ${caps.deviceMemoryGB} GB: it may fail to load or close the tab.`,
    );
  }
  if (model.engine === 'wllama' && model.downloadSizeMB > WASM_SINGLE_FILE_LIMIT_MB && !/-\d{5}-of-\d{5}\.gguf$/.test(model.file)) {
    warnings.push('This GGUF file is larger than 2 GB and is not split: the WASM engine cannot read it in one piece.');
  }
  if (caps.storage) {
    const freeMB = (caps.storage.quotaBytes - caps.storage.usageBytes) / (1024 * 1024);
    if (model.downloadSizeMB > freeMB) {
      warnings.push(`The download (${formatMB(model.downloadSizeMB)}) is larger than the space the browser gives Hearth (${formatMB(Math.max(0, freeMB))} free).`);
    }
  }
  return warnings.length > 0 ? warnings.join(' ') : null;
}

function formatMB(mb: number): string {
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.round(mb)} MB`;
}

/**
 * A model's lines in the Models dialog, in the reader's language: the everyday facts ("1.2 GB
 * download · needs about 2 GB of memory · fast on this device · English, Chinese +27"), why the
 * recommended one is recommended, and the technical terms of "What's this?" each explained in a
 * sentence. The numbers and judgements come from plain-words.ts; this file only puts them in words.
 */
import type { LlmModel, ModelRecord } from '../catalog/types';
import type { DeviceCapabilities } from '../device/capabilities';
import { i18n, t, words } from '../i18n/i18n.svelte';
import { sizeUnits } from '../i18n/units';
import { localeNumber } from '../i18n/number-format';
import type { MessageKey } from '../i18n/catalog';
import { fitProblems } from './fit-words';
import { languageIn, needsHalfPrecision, plainLanguages, plainMemory, plainSize, quantizationBits, speedOn } from './plain-words';
import type { Recommended } from './recommended';

/** "English, Chinese +27" in the current language. */
export function languagesLine(languages: readonly string[] | undefined): string {
  const { named, more } = plainLanguages(languages, i18n.locale);
  const names = named.join(', ');
  return more > 0 ? t('models.languages.more', { names, more }) : names;
}

export function sizeText(megabytes: number): string {
  return plainSize(megabytes, i18n.locale, sizeUnits(words()));
}

function memoryText(megabytes: number): string {
  return plainMemory(megabytes, i18n.locale, sizeUnits(words()));
}

/** An LLM's row: download, memory, speed here, languages. */
export function factsLine(model: ModelRecord, caps: DeviceCapabilities | null): string {
  return t('models.facts', {
    size: sizeText(model.downloadSizeMB),
    memory: memoryText(model.memoryMB),
    speed: t(`models.speed.${speedOn(model, caps)}`),
    languages: languagesLine(model.languages),
  });
}

/** An embedder's or reranker's row: they run on the processor for every library, so no speed. */
export function helperFactsLine(model: ModelRecord): string {
  return t('helpers.facts', { size: sizeText(model.downloadSizeMB), memory: memoryText(model.memoryMB), languages: languagesLine(model.languages) });
}

const REASONS: Readonly<Record<Recommended['why'], MessageKey>> = {
  gpu: 'models.reason.gpu',
  'cpu-no-gpu': 'models.reason.cpuNoGpu',
  'cpu-software': 'models.reason.cpuSoftware',
  'cpu-no-fit': 'models.reason.cpuNoFit',
  'built-in': 'models.reason.builtIn',
};

/** The one sentence beside "Recommended". */
export function reasonLine(recommended: Recommended): string {
  const key = REASONS[recommended.why];
  const code = recommended.language ?? 'en';
  // German and English write language names with a capital letter; French and Spanish do not.
  const spoken = i18n.locale === 'de' || i18n.locale === 'en' ? languageIn(code, i18n.locale) : languageIn(code, i18n.locale).toLocaleLowerCase(i18n.locale);
  const note = recommended.language ? t(recommended.speaks ? 'models.reason.speaks' : 'models.reason.notSpeaks', { language: spoken }) : '';
  return t(key, { language: note });
}

/** What published test scores measure, by the names model cards give them. */
const BENCHMARKS: Readonly<Record<string, MessageKey>> = {
  IFEval: 'models.bench.ifeval',
  'MT-Bench': 'models.bench.mtbench',
  MMLU: 'models.bench.mmlu',
  'MMLU-Pro': 'models.bench.mmlupro',
  MMMLU: 'models.bench.multilingual',
  'LongBench v2': 'models.bench.longbench',
  MGSM: 'models.bench.math',
  GSM8K: 'models.bench.math',
};

function benchmarkMeaning(name: string): string {
  const key = BENCHMARKS[name] ?? (/nDCG|MRR|MTEB/u.test(name) ? 'models.bench.search' : 'models.bench.other');
  return t(key);
}

/** "What's this?": the engine, the quantization, the context, the scores and the license, each in a sentence. */
export function techLines(model: ModelRecord): string[] {
  const lines = [t(`models.tech.${model.engine}`)];
  const bits = quantizationBits(model.quantization);
  lines.push(bits === null ? t('models.tech.quantFull', { name: model.quantization }) : t('models.tech.quantBits', { name: model.quantization, bits }));
  if (needsHalfPrecision(model) || (model.engine === 'webllm' && /f32/u.test(model.quantization))) lines.push(t('models.tech.f16'));
  if (model.kind === 'llm') lines.push(t('models.tech.context', { tokens: localeNumber(model.contextLength, i18n.locale) }));
  const scores = Object.entries(model.quality ?? {});
  if (scores.length > 0) {
    const list = scores.map(([name, value]) => t('models.tech.score', { name, value: localeNumber(value, i18n.locale), meaning: benchmarkMeaning(name) })).join(', ');
    lines.push(t('models.tech.scores', { scores: list }));
  }
  lines.push(t('models.tech.license', { license: model.license }));
  return lines;
}

/** Why a model may not run well here, in one paragraph of plain words, or null when it should be fine. */
export function fitLine(model: LlmModel, caps: DeviceCapabilities | null): string | null {
  if (!caps) return null;
  const lines = fitProblems(model, caps).map((p) => {
    switch (p.kind) {
      case 'missingFeatures':
        return t('models.fit.missingFeatures', { features: p.features });
      case 'memory':
        return t('models.fit.memory', { need: memoryText(p.needMB), have: p.haveGB });
      case 'noRoom':
        return t('models.fit.noRoom', { size: sizeText(p.sizeMB), free: sizeText(p.freeMB) });
      default:
        return t(`models.fit.${p.kind}`);
    }
  });
  return lines.length > 0 ? lines.join(' ') : null;
}

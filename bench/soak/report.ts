/** The soak's results: one summary for stdout and soak.md (the same text), and soak.json with every figure. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnswerOutcome } from './ui';
import { mappingGrowth, type MappingGrowth } from './mappings';
import type { MemorySample } from './memory';
import type { Growth, Timing } from './verdict';

export interface SoakReport {
  date: string;
  command: string;
  wallSeconds: number;
  machine: { cpus: number; loadAtStart: number[]; chromium: string };
  corpus: { source: string; documents: number; documentBytes: number; questions: number; repeatedQuestions: boolean };
  settings: { maxAnswerTokens: number; chatLength: number; batchSize: number; sampleEvery: number; catalogUrl: string };
  documentSeconds: number;
  questionSeconds: number;
  sampleSeconds: number;
  errorsLogged: { count: number; kinds: { text: string; count: number }[] };
  answers: { byStatus: Record<string, number>; byKind: Record<string, number>; errors: string[] };
  timing: Timing;
  /** The model's own first-token time over the same windows (null: it wrote no answer there). */
  engineFirstToken: { firstMedianMs: number | null; lastMedianMs: number | null };
  samples: MemorySample[];
  verdict: { rule: string; notJudged: string[]; growth: Growth[]; leveledOff: boolean; failures: string[] };
  msPerQuestion: number[];
}

export function countAnswers(answers: readonly AnswerOutcome[]): SoakReport['answers'] {
  const byStatus: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  for (const a of answers) {
    byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    byKind[a.kind || '(none)'] = (byKind[a.kind || '(none)'] ?? 0) + 1;
  }
  const errors = answers.flatMap((a, i) => (a.error ? [`question ${i + 1}: ${a.error}`] : [])).slice(0, 10);
  return { byStatus, byKind, errors };
}

const MiB = 2 ** 20;
const mib = (bytes: number | null) => (bytes === null ? 'n/a' : (bytes / 2 ** 20).toFixed(1));
const ms = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(0)} ms`);
const signedMib = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / 2 ** 20).toFixed(2)}`;
const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

function sampleTable(samples: readonly MemorySample[]): string[] {
  const rows = samples.map(
    (s) => `| ${s.label} | ${s.questions} | ${s.documents} | ${mib(s.tabHeapBytes)} | ${mib(s.tabBuffersBytes)} | ${s.uaBytes === null ? '–' : mib(s.uaBytes)} | ${mib(s.rendererRssBytes)} | ${mib(s.renderers[0]?.rssBytes ?? null)} | ${s.dom.nodes} | ${s.elapsedSeconds.toFixed(0)} | ${s.load1.toFixed(1)} |`,
  );
  return [
    '| sample | questions | documents | tab heap MiB | tab buffers MiB | UA-measured MiB | renderers RSS MiB | largest renderer MiB | DOM nodes | at s | load |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ];
}

function targetTable(samples: readonly MemorySample[]): string[] {
  const picked = [samples[0], samples.find((s) => s.label === 'first answer'), samples.at(-1)].filter((s): s is MemorySample => s !== undefined);
  const labels = [...new Set(picked.flatMap((s) => s.targets.map((t) => t.label)))];
  const cell = (s: MemorySample, label: string) => {
    const t = s.targets.find((x) => x.label === label);
    return t ? `${mib(t.heapBytes)} / ${mib(t.buffersBytes)}${t.count > 1 ? ` (×${t.count})` : ''}` : '–';
  };
  return [
    `| target (heap / buffers MiB) | ${picked.map((s) => s.label).join(' | ')} |`,
    `|---|${picked.map(() => '---:').join('|')}|`,
    ...labels.map((l) => `| ${l} | ${picked.map((s) => cell(s, l)).join(' | ')} |`),
  ];
}

/** Which mappings of the tab's process grew most, first answer → end (see mappings.ts). */
function mappingLines(samples: readonly MemorySample[]): string[] {
  const first = samples.find((s) => s.label === 'first answer');
  const last = samples.at(-1);
  if (!first || !last || last.tabMappings.length === 0) return [];
  const top = mappingGrowth(first.tabMappings, last.tabMappings).slice(0, 3);
  const show = (m: MappingGrowth) => `${m.start} (${mib(m.sizeBytes)} MiB mapped${m.file ? `, ${m.file}` : ', anonymous'}): ${signedMib(m.grewBytes)} to ${mib(m.rssBytes)} resident`;
  return [`Resident growth by mapping in the tab's process, ${first.label} → ${last.label} (MiB): ${top.map(show).join('; ')}.`, ''];
}

/** The browser's own attribution at the last sample that has it. */
function uaLines(samples: readonly MemorySample[]): string[] {
  const last = [...samples].reverse().find((s) => s.uaBytes !== null);
  if (!last) return [];
  const parts = last.uaBreakdown.filter((e) => e.bytes >= 0.05 * MiB).map((e) => `${e.scope}${e.url ? ` ${e.url}` : ''} ${mib(e.bytes)}`);
  return [`measureUserAgentSpecificMemory at "${last.label}" (MiB; a shared WebAssembly memory counts once per worker using it): ${parts.join(', ')}.`, ''];
}

function growthLines(growth: readonly Growth[], half: number, end: number): string[] {
  return growth.map(
    (g) =>
      `- ${g.metric}: ${mib(g.first)} MiB after the first answer → ${mib(g.half)} at ${half} → ${mib(g.end)} at ${end}; ` +
      `growth ${signedMib(g.firstHalfGrowth)} then ${signedMib(g.secondHalfGrowth)} MiB (allowed ${signedMib(g.allowed)}), ` +
      `slope in the second half ${(g.slopePerQuestion / 1024).toFixed(2)} KiB/question: ${g.leveledOff ? 'levels off' : 'GROWS'}`,
  );
}

export function renderSummary(r: SoakReport): string {
  const half = Math.floor(r.corpus.questions / 2);
  const t = r.timing;
  return [
    `# Soak: ${r.corpus.documents} documents, ${r.corpus.questions} questions in one session`,
    '',
    `${r.date}, \`${r.command}\`, wall time ${(r.wallSeconds / 60).toFixed(1)} min; ${r.machine.cpus} CPUs (load at start ${r.machine.loadAtStart.map((x) => x.toFixed(2)).join(' ')}), Chromium ${r.machine.chromium}.`,
    '',
    `- Text: ${r.corpus.source}${r.corpus.repeatedQuestions ? ' (too few distinct questions: the list was cycled)' : ''}.`,
    `- ${r.corpus.documents} documents (${(r.corpus.documentBytes / 1024).toFixed(0)} KB) added through the file input in picks of ${r.settings.batchSize}: ${r.documentSeconds.toFixed(1)} s until all were listed.`,
    `- ${r.corpus.questions} questions through the composer, ${r.settings.chatLength > 0 ? `a new conversation every ${r.settings.chatLength}` : 'all in one conversation'}, longest answer ${r.settings.maxAnswerTokens} tokens: ${(r.questionSeconds / 60).toFixed(1)} min, of which memory samples ${(r.sampleSeconds / 60).toFixed(1)} min.`,
    `- Answers: ${counts(r.answers.byStatus)}; kinds: ${counts(r.answers.byKind)}.`,
    ...r.answers.errors.map((e) => `  - ${e}`),
    `- Errors logged by the page and its workers: ${r.errorsLogged.count}${r.errorsLogged.count ? ', by kind (numbers blanked):' : '.'}`,
    ...r.errorsLogged.kinds.map((k) => `  - ×${k.count}: ${k.text}`),
    '',
    '## Time per question (submit → answer finished, measured in the page)',
    '',
    `Median of the first ${t.window}: ${t.firstMedianMs.toFixed(0)} ms; of the last ${t.window}: ${t.lastMedianMs.toFixed(0)} ms; ratio last/first ${t.ratio.toFixed(2)}.`,
    `The model's own first token over the same answers: ${ms(r.engineFirstToken.firstMedianMs)} then ${ms(r.engineFirstToken.lastMedianMs)} (median).`,
    'The CPU is shared: the load column below is the 1-minute load average when each sample was taken.',
    '',
    '## Memory (after forced garbage collection in the page and every worker)',
    '',
    'Tab heap: V8 + Blink heap used by the page and its dedicated workers (CDP Runtime.getHeapUsage). Tab buffers: their',
    'array buffers and WebAssembly memories. UA-measured: performance.measureUserAgentSpecificMemory(). Renderers RSS:',
    "VmRSS of Chromium's renderer processes (the tab's, its service worker's, a spare); the largest is the tab's",
    '(page and workers share one process).',
    '',
    ...sampleTable(r.samples),
    '',
    ...targetTable(r.samples),
    '',
    ...mappingLines(r.samples),
    ...uaLines(r.samples),
    '## Verdict',
    '',
    `Rule: ${r.verdict.rule}.`,
    ...(r.verdict.notJudged.length ? [`Not measurable here, so not judged: ${r.verdict.notJudged.join(', ')}.`] : []),
    '',
    ...growthLines(r.verdict.growth, half, r.corpus.questions),
    '',
    r.verdict.leveledOff ? '**Memory levels off.**' : `**Memory grows without levelling off:** ${r.verdict.failures.join('; ')}.`,
    '',
  ].join('\n');
}

export function writeReport(outDir: string, r: SoakReport): string[] {
  mkdirSync(outDir, { recursive: true });
  const json = join(outDir, 'soak.json');
  const md = join(outDir, 'soak.md');
  writeFileSync(json, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(md, renderSummary(r));
  return [json, md];
}

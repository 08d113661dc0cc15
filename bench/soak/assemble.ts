/** From a finished session to the report: which metrics are judged and with what floor, and the verdict. */
import type { SoakCorpus } from './corpus';
import type { MemorySample } from './memory';
import { countAnswers, type SoakReport } from './report';
import type { SessionResult } from './session';
import { describeRule, engineFirstToken, judgeGrowth, timing, type Growth, type MetricRule } from './verdict';

const MiB = 2 ** 20;

/**
 * Judged metrics and their floors. The heap floor is what a few hundred kilobytes of caches and
 * compiled code add between two samples; resident memory moves by whole allocator pages and arenas,
 * so its floor is larger. Buffers are not judged apart: WebAssembly memories only grow, and the
 * renderers' resident memory holds whatever part of them is in use.
 */
export const RULES: (MetricRule & { read: (s: MemorySample) => number | null })[] = [
  { metric: 'tab heap', floorBytes: 2 * MiB, read: (s) => s.tabHeapBytes },
  { metric: 'renderers RSS', floorBytes: 16 * MiB, read: (s) => s.rendererRssBytes },
];

/** Each rule over the samples from the first answer on; a metric this machine cannot measure is left out. */
export function judge(samples: readonly MemorySample[], questions: number): Growth[] {
  const half = Math.floor(questions / 2);
  const judged = samples.filter((s) => s.questions >= 1);
  return RULES.flatMap((rule) => {
    const points = judged.flatMap((s) => {
      const bytes = rule.read(s);
      return bytes === null ? [] : [{ questions: s.questions, bytes }];
    });
    return points.length ? [judgeGrowth(rule.metric, points, half, questions, rule.floorBytes)] : [];
  });
}

export interface RunFacts {
  started: Date;
  command: string;
  wallSeconds: number;
  machine: SoakReport['machine'];
  settings: SoakReport['settings'];
}

export function assemble(corpus: SoakCorpus, session: SessionResult, facts: RunFacts): SoakReport {
  const growth = judge(session.samples, corpus.questions.length);
  const answers = countAnswers(session.answers);
  const failures = [
    ...growth.filter((g) => !g.leveledOff).map((g) => `${g.metric} grew ${(g.secondHalfGrowth / MiB).toFixed(2)} MiB in the second half (allowed ${(g.allowed / MiB).toFixed(2)})`),
    ...(answers.byStatus.error ? [`${answers.byStatus.error} answers ended in error`] : []),
  ];
  const judgedMetrics = new Set(growth.map((g) => g.metric));
  return {
    date: facts.started.toISOString(),
    command: facts.command,
    wallSeconds: facts.wallSeconds,
    machine: facts.machine,
    corpus: {
      source: corpus.source,
      documents: corpus.documents.length,
      documentBytes: corpus.documents.reduce((a, d) => a + Buffer.byteLength(d.text), 0),
      questions: corpus.questions.length,
      repeatedQuestions: corpus.repeatedQuestions,
    },
    settings: facts.settings,
    documentSeconds: session.documentSeconds,
    questionSeconds: session.questionSeconds,
    sampleSeconds: session.sampleSeconds,
    errorsLogged: session.errorsLogged,
    answers,
    timing: timing(session.answers.map((a) => a.ms)),
    engineFirstToken: engineFirstToken(session.answers.map((a) => a.engine?.firstTokenMs)),
    samples: session.samples,
    verdict: {
      rule: describeRule(RULES.filter((r) => judgedMetrics.has(r.metric))),
      notJudged: RULES.filter((r) => !judgedMetrics.has(r.metric)).map((r) => r.metric),
      growth,
      leveledOff: growth.every((g) => g.leveledOff),
      failures,
    },
    msPerQuestion: session.answers.map((a) => Math.round(a.ms)),
  };
}

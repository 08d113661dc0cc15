/**
 * `hearth eval KB.hearth --qa QA.jsonl [--k N]`: how well the pack finds the right place for a
 * team's own questions, before it ships. Each line: {"question" (or "text"), "doc", "page"?, "id"?}.
 * A hit is a result from the expected document (and, when a page is given, one whose pages include
 * it). Reports hit@1, hit@5, hit@10 and MRR@10, overall and per document.
 */
import { readFile } from 'node:fs/promises';
import type { Hit, OpenPack } from '../pack-search';
import { CliError } from '../cli-error';
import { jsonLines } from './search';

export interface QaItem {
  id: string;
  question: string;
  doc: string;
  page: number | null;
}

export interface Scores {
  questions: number;
  hit1: number;
  hit5: number;
  hit10: number;
  mrr10: number;
}

export interface EvalReport {
  k: number;
  overall: Scores;
  perDocument: Record<string, Scores>;
  /** Expected documents the pack does not hold (their questions count as misses). */
  unknownDocuments: string[];
}

export async function readQa(path: string): Promise<QaItem[]> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new CliError('INPUT_NOT_FOUND', `The questions file “${path}” does not exist or cannot be read.`);
  });
  return jsonLines(path, text).map(({ line, value }) => {
    const v = value as { id?: unknown; question?: unknown; text?: unknown; doc?: unknown; page?: unknown };
    const question = typeof v?.question === 'string' ? v.question : v?.text;
    if (typeof question !== 'string' || question.trim() === '') throw new CliError('QUERIES_INVALID', `${path}, line ${line}: each line needs a "question" string.`);
    if (typeof v.doc !== 'string' || v.doc === '') throw new CliError('QUERIES_INVALID', `${path}, line ${line}: each line needs the expected "doc" (the file name).`);
    if (v.page !== undefined && v.page !== null && !(Number.isInteger(v.page) && (v.page as number) >= 1)) {
      throw new CliError('QUERIES_INVALID', `${path}, line ${line}: "page" must be a page number from 1, or absent.`);
    }
    return { id: v.id === undefined ? String(line) : String(v.id), question, doc: v.doc, page: typeof v.page === 'number' ? v.page : null };
  });
}

/** The 1-based rank of the first hit that answers `item`, or null. */
export function firstRelevantRank(item: QaItem, hits: readonly Hit[], pageEnds: (hit: Hit) => number | null): number | null {
  const i = hits.findIndex((h) => h.doc === item.doc && (item.page === null || (h.page !== null && h.page <= item.page && item.page <= (pageEnds(h) ?? h.page))));
  return i < 0 ? null : i + 1;
}

function score(ranks: readonly (number | null)[]): Scores {
  const n = ranks.length;
  const within = (k: number) => (n === 0 ? 0 : ranks.filter((r) => r !== null && r <= k).length / n);
  const mrr = n === 0 ? 0 : ranks.reduce<number>((sum, r) => sum + (r !== null && r <= 10 ? 1 / r : 0), 0) / n;
  return { questions: n, hit1: within(1), hit5: within(5), hit10: within(10), mrr10: mrr };
}

export async function evaluate(open: OpenPack, items: readonly QaItem[], k: number): Promise<EvalReport> {
  const depth = Math.max(k, 10);
  const known = new Set(open.pack.documents.map((d) => d.name));
  const byDoc = new Map<string, (number | null)[]>();
  const all: (number | null)[] = [];
  for (const item of items) {
    const hits = (await open.search(item.question, depth)).slice(0, k);
    const rank = firstRelevantRank(item, hits, (h) => h.pageEnd);
    all.push(rank);
    byDoc.set(item.doc, [...(byDoc.get(item.doc) ?? []), rank]);
  }
  return {
    k,
    overall: score(all),
    perDocument: Object.fromEntries([...byDoc].sort(([a], [b]) => a.localeCompare(b)).map(([doc, ranks]) => [doc, score(ranks)])),
    unknownDocuments: [...byDoc.keys()].filter((d) => !known.has(d)),
  };
}

export function formatReport(report: EvalReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const row = (name: string, s: Scores) => `${name.padEnd(40).slice(0, 40)} ${String(s.questions).padStart(5)} ${pct(s.hit1)} ${pct(s.hit5)} ${pct(s.hit10)} ${s.mrr10.toFixed(3).padStart(7)}`;
  const lines = [
    `${'document'.padEnd(40)} ${'n'.padStart(5)} ${'hit@1'.padStart(7)} ${'hit@5'.padStart(7)} ${'hit@10'.padStart(7)} ${'MRR@10'.padStart(7)}`,
    ...Object.entries(report.perDocument).map(([doc, s]) => row(doc, s)),
    row('all questions', report.overall),
  ];
  if (report.k < 10) lines.push(`(only the top ${report.k} were looked at: hit@10 and MRR@10 count ranks up to ${report.k})`);
  if (report.unknownDocuments.length > 0) lines.push(`Not in the pack (counted as misses): ${report.unknownDocuments.join(', ')}`);
  return lines.join('\n');
}

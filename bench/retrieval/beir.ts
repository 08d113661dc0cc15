/** Read a dataset in BEIR layout: corpus.jsonl, queries.jsonl, qrels/<split>.tsv. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BeirDoc {
  id: string;
  title: string;
  text: string;
}

export interface BeirData {
  corpus: BeirDoc[];
  /** Only the queries that have judgments in the split. */
  queries: Array<{ id: string; text: string }>;
  qrels: Map<string, Map<string, number>>;
}

function jsonLines(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

export function hasBeir(dir: string, split: string): boolean {
  return ['corpus.jsonl', 'queries.jsonl', join('qrels', `${split}.tsv`)].every((f) => existsSync(join(dir, f)));
}

export function loadBeir(dir: string, split: string): BeirData {
  const corpus = jsonLines(join(dir, 'corpus.jsonl')).map((row) => {
    const r = row as { _id: string | number; title?: string; text?: string };
    return { id: String(r._id), title: r.title ?? '', text: r.text ?? '' };
  });
  const qrels = new Map<string, Map<string, number>>();
  const lines = readFileSync(join(dir, 'qrels', `${split}.tsv`), 'utf8').split('\n');
  for (const line of lines.slice(1)) {
    const [qid, did, score] = line.trim().split('\t');
    if (!qid || !did || score === undefined) continue;
    let judged = qrels.get(qid);
    if (!judged) qrels.set(qid, (judged = new Map()));
    judged.set(did, Number(score));
  }
  const queries: Array<{ id: string; text: string }> = [];
  for (const row of jsonLines(join(dir, 'queries.jsonl'))) {
    const r = row as { _id: string | number; text: string };
    if (qrels.has(String(r._id))) queries.push({ id: String(r._id), text: r.text });
  }
  return { corpus, queries, qrels };
}

/**
 * A small slice of a BEIR dataset for --quick runs: the first few judged queries, the documents
 * they judge, and some unjudged documents as distractors. Written to a temporary folder in the
 * same layout, so the real quality code runs on it unchanged.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeBeirSubset(from: string, to: string, queries: number, distractors: number): void {
  const [header = '', ...rows] = readFileSync(join(from, 'qrels', 'test.tsv'), 'utf8').split('\n').filter((l) => l.trim());
  const picked = new Set<string>();
  const judged = new Set<string>();
  const kept: string[] = [];
  for (const row of rows) {
    const [qid = '', did = ''] = row.split('\t');
    if (!picked.has(qid)) {
      if (picked.size === queries) continue;
      picked.add(qid);
    }
    kept.push(row);
    judged.add(did);
  }
  const docs = readFileSync(join(from, 'corpus.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  let extra = 0;
  const corpus = docs.filter((line) => {
    const id = String((JSON.parse(line) as { _id: string | number })._id);
    if (judged.has(id)) return true;
    return extra++ < distractors;
  });
  const questions = readFileSync(join(from, 'queries.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && picked.has(String((JSON.parse(l) as { _id: string | number })._id)));
  mkdirSync(join(to, 'qrels'), { recursive: true });
  writeFileSync(join(to, 'qrels', 'test.tsv'), `${[header, ...kept].join('\n')}\n`);
  writeFileSync(join(to, 'corpus.jsonl'), `${corpus.join('\n')}\n`);
  writeFileSync(join(to, 'queries.jsonl'), `${questions.join('\n')}\n`);
}

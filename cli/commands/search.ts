/**
 * `hearth search KB.hearth "question"` and batch mode `--queries Q.jsonl`: the pack's passages
 * ranked for each question as the app ranks them. JSON output is one line per query:
 * {"id","hits":[{"doc","page","section","start","end","score","text"}]}.
 */
import { readFile } from 'node:fs/promises';
import type { Hit, OpenPack } from '../pack-search';
import { CliError } from '../cli-error';

export interface Query {
  id: string;
  text: string;
}

/** Lines of {"id","text"} (blank lines ignored). @throws CliError QUERIES_INVALID naming the line. */
export async function readQueries(path: string): Promise<Query[]> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new CliError('INPUT_NOT_FOUND', `The queries file “${path}” does not exist or cannot be read.`);
  });
  return jsonLines(path, text).map(({ line, value }) => {
    const v = value as { id?: unknown; text?: unknown };
    if (typeof v?.text !== 'string' || v.text.trim() === '') throw new CliError('QUERIES_INVALID', `${path}, line ${line}: each line needs a "text" string.`);
    return { id: v.id === undefined ? String(line) : String(v.id), text: v.text };
  });
}

export function jsonLines(path: string, text: string): { line: number; value: unknown }[] {
  const out: { line: number; value: unknown }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) });
    } catch {
      throw new CliError('QUERIES_INVALID', `${path}, line ${i + 1} is not JSON.`);
    }
  });
  return out;
}

export async function searchAll(open: OpenPack, queries: readonly Query[], k: number, write: (line: string) => void, json: boolean): Promise<void> {
  for (const q of queries) {
    const hits = await open.search(q.text, k);
    write(json ? JSON.stringify({ id: q.id, hits: hits.map(({ pageEnd: _, ...hit }) => hit) }) : describe(q, hits));
  }
}

function describe(q: Query, hits: Hit[]): string {
  if (hits.length === 0) return `No passages match “${q.text}”.`;
  return hits
    .map((h, i) => {
      const where = [h.doc, h.page !== null ? `page ${h.page}` : null, h.section].filter(Boolean).join(', ');
      const text = h.text.replace(/\s+/g, ' ').trim();
      return `${i + 1}. ${where}  (score ${h.score.toFixed(3)})\n   ${text.length > 240 ? `${text.slice(0, 239)}…` : text}`;
    })
    .join('\n');
}

/**
 * SQuAD v1.1 dev as a library a person might keep: the soak's documents (consecutive paragraphs of
 * one Wikipedia article, ten to a document, alternately Markdown and plain text), and every SQuAD
 * question about those paragraphs with its gold answer strings (BEIR layout: metadata.answers).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentFor, groupParagraphs, PARAGRAPHS_PER_DOCUMENT, type SoakDocument } from '../soak/corpus';

export interface AnswerQuestion {
  text: string;
  /** SQuAD's gold answers (several annotators; any one counts). */
  answers: string[];
}

export interface SquadLibrary {
  documents: SoakDocument[];
  questions: AnswerQuestion[];
  paragraphs: number;
}

const FILES = ['corpus.jsonl', 'queries.jsonl', join('qrels', 'test.tsv')];

function jsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function hasSquadAnswers(dir: string): boolean {
  return FILES.every((f) => existsSync(join(dir, f)));
}

/** The first `maxDocuments` documents (all when absent) and every question about their paragraphs. */
export function loadSquadLibrary(dir: string, maxDocuments = Infinity): SquadLibrary {
  const [corpusFile, queriesFile, qrelsFile] = FILES.map((f) => join(dir, f)) as [string, string, string];
  const paragraphs = jsonLines<{ _id: string; title: string; text: string }>(corpusFile).map((p) => ({ id: p._id, title: p.title, text: p.text }));
  const groups = groupParagraphs(paragraphs, PARAGRAPHS_PER_DOCUMENT).slice(0, maxDocuments);
  const kept = new Set(groups.flatMap((g) => g.paragraphs.map((p) => p.id)));
  const queries = new Map(
    jsonLines<{ _id: string; text: string; metadata?: { answers?: string[] } }>(queriesFile).map((q) => [q._id, { text: q.text.trim(), answers: q.metadata?.answers ?? [] }]),
  );
  const questions: AnswerQuestion[] = [];
  for (const line of readFileSync(qrelsFile, 'utf8').split('\n').slice(1)) {
    const [queryId, paragraphId] = line.split('\t');
    const q = queryId ? queries.get(queryId) : undefined;
    if (!q || !paragraphId || !kept.has(paragraphId) || q.answers.length === 0) continue;
    questions.push(q);
  }
  return { documents: groups.map(documentFor), questions, paragraphs: kept.size };
}

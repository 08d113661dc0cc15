/**
 * The soak session itself, in one browser tab: open the app, add every document, then ask every
 * question in a row, sampling memory at start, after the documents, after the first answer, at
 * each checkpoint, at half the questions and at the end.
 */
import type { Browser } from '@playwright/test';
import { median } from '../stats';
import { TargetTree } from './cdp-targets';
import type { SoakCorpus } from './corpus';
import { sampleMemory, type MemorySample, type SampleContext } from './memory';
import { addDocuments, ask, newConversation, openApp, type AnswerOutcome, type SoakSettings } from './ui';

export interface SessionOptions {
  appUrl: string;
  settings: SoakSettings;
  /** Files per pick in the file input. */
  batchSize: number;
  /** Questions per conversation before "New conversation" (0: all in one). */
  chatLength: number;
  sampleEvery: number;
  /** Ask the browser's own memory measurement at the key samples (start, documents, first answer, half, end). */
  uaMemory: boolean;
  /** Log every answer and how long each memory sample took. */
  verbose: boolean;
  log: (m: string) => void;
}

export interface SessionResult {
  samples: MemorySample[];
  answers: AnswerOutcome[];
  documentSeconds: number;
  /** From the first question to the last answer, memory samples included. */
  questionSeconds: number;
  /** Time spent sampling memory (GC, CDP, the browser's own measurement). */
  sampleSeconds: number;
  /** Page errors and console errors (the page's and its workers'), grouped by their text with numbers blanked. */
  errorsLogged: { count: number; kinds: { text: string; count: number }[] };
}

/** Question counts after which memory is sampled: 1 (model loaded), every `every`, half, end. */
export function checkpoints(questions: number, every: number): number[] {
  const at = new Set<number>([1, Math.floor(questions / 2), questions]);
  for (let q = every; q < questions; q += every) at.add(q);
  return [...at].filter((q) => q >= 1 && q <= questions).sort((a, b) => a - b);
}

const ANSWER_TIMEOUT_MS = 120_000;
const BATCH_TIMEOUT_MS = 300_000;
/** Past this many errors in a row the app is broken, not noisy: stop instead of asking on. */
const MAX_ERRORS_IN_A_ROW = 10;

function mib(bytes: number | null): string {
  return bytes === null ? 'n/a' : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

export async function runSession(browser: Browser, corpus: SoakCorpus, options: SessionOptions): Promise<SessionResult> {
  const { log } = options;
  const context = await browser.newContext();
  try {
    const page = await openApp(context, options.appUrl, options.settings);
    const errorsLogged: SessionResult['errorsLogged'] = { count: 0, kinds: [] };
    const logged = (text: string) => {
      errorsLogged.count++;
      // "request (2162 tokens) exceeds…" and "request (2202 tokens) exceeds…" are one kind of error.
      const key = text.replace(/\d+/g, '#').slice(0, 200);
      const kind = errorsLogged.kinds.find((k) => k.text === key);
      if (kind) kind.count++;
      else {
        errorsLogged.kinds.push({ text: key, count: 1 });
        log(`  (first of its kind) ${text.slice(0, 300)}`);
      }
    };
    page.on('pageerror', (e) => logged(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') logged(`console error: ${m.text()}`);
    });
    const cdp = await context.newCDPSession(page);
    const tree = await TargetTree.attach(cdp);
    const ctx: SampleContext = { browser, page, tree, startedAt: performance.now() };
    const samples: MemorySample[] = [];
    const half = Math.floor(corpus.questions.length / 2);
    const key = (questions: number) => questions <= 1 || questions === half || questions === corpus.questions.length;
    let sampleMs = 0;
    const sample = async (label: string, questions: number, documents: number) => {
      const t = performance.now();
      const s = await sampleMemory(ctx, label, questions, documents, options.uaMemory && key(questions));
      samples.push(s);
      sampleMs += performance.now() - t;
      if (options.verbose) log(`  (sampled in ${((performance.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(s.stepMs)}; targets ${s.targets.map((x) => `${x.label}×${x.count}`).join(', ')}; no GC in ${s.notCollected.join(', ') || 'none'})`);
      log(`  memory ${label}: tab heap ${mib(s.tabHeapBytes)}, buffers ${mib(s.tabBuffersBytes)}, renderers RSS ${mib(s.rendererRssBytes)}, DOM nodes ${s.dom.nodes}${s.silent.length ? `; not answering: ${s.silent.join(', ')}` : ''}`);
    };
    await sample('start', 0, 0);

    const docs = corpus.documents;
    const d0 = performance.now();
    for (let i = 0; i < docs.length; i += options.batchSize) {
      await addDocuments(page, docs.slice(i, i + options.batchSize), BATCH_TIMEOUT_MS);
      const listed = Math.min(i + options.batchSize, docs.length);
      if (listed % 50 === 0 || listed === docs.length) log(`  ${listed}/${docs.length} documents listed`);
    }
    const documentSeconds = (performance.now() - d0) / 1000;
    await sample('documents', 0, docs.length);

    const questions = corpus.questions;
    const at = new Set(checkpoints(questions.length, options.sampleEvery));
    const answers: AnswerOutcome[] = [];
    let errorsInARow = 0;
    const q0 = performance.now();
    for (let i = 0; i < questions.length; i++) {
      if (i > 0 && options.chatLength > 0 && i % options.chatLength === 0) await newConversation(page);
      const outcome = await ask(page, questions[i] as string, ANSWER_TIMEOUT_MS);
      answers.push(outcome);
      if (options.verbose) log(`  q${i + 1} ${outcome.ms.toFixed(0)} ms ${outcome.status} ${outcome.kind}: ${questions[i]}`);
      errorsInARow = outcome.status === 'error' ? errorsInARow + 1 : 0;
      if (outcome.status === 'error' && errorsInARow <= 3) log(`  question ${i + 1} ended in error: ${outcome.error ?? ''}`);
      if (errorsInARow >= MAX_ERRORS_IN_A_ROW) throw new Error(`${MAX_ERRORS_IN_A_ROW} answers in a row ended in error; the last: ${outcome.error ?? '(no text)'}`);
      const n = i + 1;
      if (n % 50 === 0) {
        log(`  ${n}/${questions.length} questions, median of the last 50: ${median(answers.slice(-50).map((a) => a.ms)).toFixed(0)} ms`);
      }
      if (at.has(n)) await sample(n === 1 ? 'first answer' : `${n} questions`, n, docs.length);
    }
    return { samples, answers, documentSeconds, questionSeconds: (performance.now() - q0) / 1000, sampleSeconds: sampleMs / 1000, errorsLogged };
  } finally {
    await context.close();
  }
}

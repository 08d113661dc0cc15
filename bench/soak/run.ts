/**
 * `npm run soak`: one long session in the built app, through its UI only. Adds 200 documents, asks
 * 1,000 questions in a row, samples the tab's memory (page and workers) along the way, and judges
 * whether it levels off (verdict.ts). Writes bench/results/soak.{json,md}; exits 1 when memory grows
 * without levelling off or answers failed, 2 on bad flags.
 *
 *   npx tsx bench/soak/run.ts [--documents 200] [--questions 1000] [--chat-length 10] [--sample-every 100]
 *                             [--batch 10] [--answer-tokens 16] [--port 4175] [--out DIR] [--verbose] [--skip-ua-memory]
 *
 * A run with other sizes than the defaults is a trial: it writes to bench/results/quick/ unless --out says otherwise.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../browser/launch';
import { soakCorpus } from './corpus';
import { assemble } from './assemble';
import { renderSummary, writeReport } from './report';
import { serve } from './servers';
import { runSession } from './session';

const root = resolve(import.meta.dirname, '..', '..');
const DEFAULTS = { documents: 200, questions: 1000 };


function positiveInt(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return n;
}

function parse() {
  const { values } = parseArgs({
    options: {
      documents: { type: 'string' },
      questions: { type: 'string' },
      'chat-length': { type: 'string' },
      'sample-every': { type: 'string' },
      batch: { type: 'string' },
      'answer-tokens': { type: 'string' },
      port: { type: 'string' },
      out: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'skip-ua-memory': { type: 'boolean', default: false },
    },
  });
  const documents = positiveInt('documents', values.documents, DEFAULTS.documents);
  const questions = positiveInt('questions', values.questions, DEFAULTS.questions, 2);
  return {
    documents,
    questions,
    chatLength: positiveInt('chat-length', values['chat-length'], 10, 0),
    // Ten points on the curve in a trial, every 100 questions in the full run.
    sampleEvery: positiveInt('sample-every', values['sample-every'], Math.min(100, Math.max(1, Math.round(questions / 10)))),
    batch: positiveInt('batch', values.batch, 10),
    answerTokens: positiveInt('answer-tokens', values['answer-tokens'], 16, 16),
    port: positiveInt('port', values.port, 4175),
    verbose: values.verbose ?? false,
    uaMemory: !(values['skip-ua-memory'] ?? false),
    out: resolve(values.out ?? resultsDir(documents === DEFAULTS.documents && questions === DEFAULTS.questions ? '' : 'quick')),
  };
}

function resultsDir(sub: string): string {
  return resolve(root, 'bench', 'results', sub);
}

/**
 * The shared folder: $HEARTH_SHARED_DIR, else ../shared beside the checkout, else ../../shared (a
 * worktree kept one level deeper). The first that exists; without one the corpus is generated.
 */
function findSharedDir(): string {
  const candidates = process.env.HEARTH_SHARED_DIR ? [process.env.HEARTH_SHARED_DIR] : [resolve(root, '..', 'shared'), resolve(root, '..', '..', 'shared')];
  return candidates.map((c) => resolve(c)).find((c) => existsSync(c)) ?? (candidates[0] as string);
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const t0 = performance.now();
  const started = new Date();
  const loadAtStart = loadavg();
  const log = (m: string) => console.log(m);
  const sharedDir = findSharedDir();
  const corpus = soakCorpus(sharedDir, args.documents, args.questions);
  log(`text: ${corpus.source}`);
  log(`${corpus.documents.length} documents, ${corpus.questions.length} questions${corpus.repeatedQuestions ? ' (cycled: too few distinct ones)' : ''}`);

  const served = await serve(root, args.port, log);
  const browser = await launchChromium().catch(async (error: unknown) => {
    await served.stop();
    throw error;
  });
  // Ctrl-C or a kill mid-run: the preview server (and a mirror started here) must not outlive the run.
  const interrupted = () => {
    console.error('interrupted: stopping the browser and the servers started for this run');
    void browser.close().catch(() => undefined).then(() => served.stop()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    log(`Chromium ${browser.version()}`);
    const settings = { catalogUrl: served.catalogUrl, maxAnswerTokens: args.answerTokens };
    const session = await runSession(browser, corpus, { appUrl: served.appUrl, settings, batchSize: args.batch, chatLength: args.chatLength, sampleEvery: args.sampleEvery, verbose: args.verbose, uaMemory: args.uaMemory, log });

    const report = assemble(corpus, session, {
      started,
      command: `npx tsx bench/soak/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
      wallSeconds: (performance.now() - t0) / 1000,
      machine: { cpus: cpus().length, loadAtStart, chromium: browser.version() },
      settings: { maxAnswerTokens: args.answerTokens, chatLength: args.chatLength, batchSize: args.batch, sampleEvery: args.sampleEvery, catalogUrl: served.catalogUrl },
    });
    const written = writeReport(args.out, report);
    console.log(`\n${renderSummary(report)}`);
    console.log(`wrote ${written.map((p) => p.replace(`${root}/`, '')).join(', ')}`);
    return report.verdict.failures.length ? 1 : 0;
  } finally {
    await browser.close().catch(() => undefined);
    await served.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

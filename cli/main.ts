/**
 * The `hearth` command: builds and checks knowledge packs in Node with the browser's own parsers,
 * chunker, analyzer and embedder. See `hearth help`.
 */
import { parseArgs } from 'node:util';
import { AppError } from '../src/lib/errors';
import { CliError, EXIT, exitCodeOf } from './cli-error';
import { readCatalogFile, SHIPPED_CATALOG } from './catalog-node';
import { evaluate, formatReport, readQa } from './commands/eval';
import { formatInfo, packInfo } from './commands/info';
import { packCommand } from './commands/pack';
import { readQueries, searchAll } from './commands/search';
import { loadPackFile, openPack } from './pack-search';
import { ProgressBar } from './progress';

const HELP = `hearth: build and check Hearth knowledge packs

  hearth pack <files or folders…> --out KB.hearth [--embedder ID|none] [--model-base-url URL|DIR] [--no-originals]
  hearth search KB.hearth "question" [--k N] [--json]
  hearth search KB.hearth --queries Q.jsonl [--k N] --json      lines {"id","text"}
  hearth eval KB.hearth --qa QA.jsonl [--k N] [--json]           lines {"question","doc","page"?}
  hearth info KB.hearth [--json]

Options for every command: --catalog FILE (default: the shipped models.json), --model-base-url
(default: the catalog's model host; a URL, or a folder in {repo}/resolve/{revision}/ layout).
Model files downloaded from a URL are kept in $HEARTH_CACHE_DIR (default ~/.cache/hearth/models).

Exit codes: 0 done, 1 failed, 2 wrong usage, 3 a named file is missing, 4 the pack is unreadable,
5 an unknown embedding model.`;

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  embedder: { type: 'string' },
  'model-base-url': { type: 'string' },
  catalog: { type: 'string' },
  'no-originals': { type: 'boolean' },
  k: { type: 'string' },
  json: { type: 'boolean' },
  queries: { type: 'string' },
  qa: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError('USAGE', `--${name} must be a whole number from 1, not “${value}”.`);
  return n;
}

export async function main(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new CliError('USAGE', `${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    out(HELP);
    return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
  }
  const catalog = readCatalogFile(values.catalog ?? SHIPPED_CATALOG);
  const modelBase = values['model-base-url'] ?? catalog.modelBaseUrl;
  const k = positiveInt(values.k, 10, 'k');

  switch (command) {
    case 'pack': {
      if (rest.length === 0) throw new CliError('USAGE', 'Name the files or folders to pack.');
      if (!values.out) throw new CliError('USAGE', 'Say where to write the pack: --out KB.hearth');
      const progress = new ProgressBar();
      const summary = await packCommand({
        inputs: rest,
        out: values.out,
        embedder: values.embedder ?? catalog.defaults.embedder,
        modelBase,
        catalog,
        originals: !values['no-originals'],
        progress,
      });
      const rate = summary.seconds > 0 ? summary.pages / summary.seconds : 0;
      progress.log(
        `wrote ${values.out}: ${summary.documents} documents, ${summary.pages} pages, ${summary.chunks} passages, ${summary.bytes} bytes in ${summary.seconds.toFixed(1)} s` +
          (summary.pages > 0 ? ` (${rate.toFixed(1)} pages/s)` : '') +
          (summary.failed.length > 0 ? `; ${summary.failed.length} files could not be added` : ''),
      );
      if (values.json) out(JSON.stringify(summary));
      return EXIT.ok;
    }
    case 'search': {
      const [path, question] = rest;
      if (!path) throw new CliError('USAGE', 'Name the pack to search: hearth search KB.hearth "question"');
      if (!question && !values.queries) throw new CliError('USAGE', 'Give a question, or --queries Q.jsonl');
      if (question && values.queries) throw new CliError('USAGE', 'Give either a question or --queries, not both.');
      const queries = values.queries ? await readQueries(values.queries) : [{ id: '1', text: question as string }];
      const open = await openPack(path, catalog, modelBase);
      await searchAll(open, queries, k, out, !!values.json);
      return EXIT.ok;
    }
    case 'eval': {
      const [path] = rest;
      if (!path || !values.qa) throw new CliError('USAGE', 'hearth eval KB.hearth --qa QA.jsonl [--k N]');
      const items = await readQa(values.qa);
      const open = await openPack(path, catalog, modelBase);
      const report = await evaluate(open, items, k);
      out(values.json ? JSON.stringify(report) : formatReport(report));
      return EXIT.ok;
    }
    case 'info': {
      const [path] = rest;
      if (!path) throw new CliError('USAGE', 'Name the pack: hearth info KB.hearth');
      const info = await packInfo(path, await loadPackFile(path));
      out(values.json ? JSON.stringify(info) : formatInfo(info));
      return EXIT.ok;
    }
    default:
      throw new CliError('USAGE', `Unknown command “${command}”.\n\n${HELP}`);
  }
}

/** Runs the command and exits with its code; errors are one clear message on stderr. */
export async function run(argv: string[]): Promise<never> {
  let code: number;
  try {
    code = await main(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const tag = error instanceof AppError || error instanceof CliError ? ` [${error.code}]` : '';
    process.stderr.write(`hearth: ${message}${tag}\n`);
    if (error instanceof AppError && error.detail && process.env.HEARTH_DEBUG) process.stderr.write(`  ${error.detail}\n`);
    code = exitCodeOf(error);
  }
  process.exit(code);
}

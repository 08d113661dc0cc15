/**
 * Builds the project's own model files into a Hugging Face-shaped mirror folder, with no network:
 *   tiny-bert  hearth-test/tiny-bert-embedder          tiny BERT ONNX embedder for end-to-end tests
 *   tiny-bert-48 hearth-test/tiny-bert-embedder-48     a second one (48 dimensions), to switch a library to
 *   minilm     Xenova/all-MiniLM-L6-v2                  shape twin (fp32 + int8), random weights
 *   smollm2    HuggingFaceTB/SmolLM2-135M-Instruct-GGUF shape twin (Q8_0 + Q4_0), random weights
 *   lfm2       LiquidAI/LFM2-700M-GGUF                  shape twin (Q4_K_M + Q8_0), random weights
 *   stories    ggml-org/models tinyllamas/stories260K   the real tiny GGUF, copied from ../shared
 *   tiny-decoder  hearth-test/tiny-decoder              tiny ONNX decoder (SmolLM2 layout, q4 + q8) for tests
 *   smollm2-onnx  HuggingFaceTB/SmolLM2-135M-Instruct  ONNX shape twin (model_q4 + model_quantized)
 *   qwen25-onnx   onnx-community/Qwen2.5-0.5B-Instruct ONNX shape twin (model_q4 + model_quantized)
 *   qwen25-gguf   Qwen/Qwen2.5-0.5B-Instruct-GGUF      GGUF shape twin (Q8_0 + Q4_0)
 *
 * Usage: npx tsx scripts/make-models.ts [--only test|twins|cpu-engines|tiny-bert|minilm|smollm2|lfm2|stories|…[,…]] [--force]
 *          [--out .models/mirror] [--shared ../shared]
 *   --only test  = tiny-bert, tiny-bert-48, tiny-reranker, tiny-decoder + stories (what the tests load); --only twins =
 *   every shape twin (lfm2 included); --only cpu-engines = the ONNX and Qwen2.5 GGUF twins the CPU engine comparison needs.
 * Reruns skip files whose size and sha256 match what the same recipe wrote before.
 * Exit code 1 when a target failed to build or its files do not match the published shapes.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Mirror } from './models/mirror.ts';
import { ALL_TARGETS, runTarget, selectTargets, type TargetReport } from './models/run-targets.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true, default: [] },
    force: { type: 'boolean', default: false },
    out: { type: 'string', default: join(projectRoot, '.models', 'mirror') },
    shared: { type: 'string', default: process.env.HEARTH_SHARED_DIR ?? join(projectRoot, '..', 'shared') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('npx tsx scripts/make-models.ts [--only <id|group>[,…]] [--force] [--out DIR] [--shared DIR]');
  for (const t of ALL_TARGETS) console.log(`  ${t.id.padEnd(10)} ${[t.id, ...t.groups].join('|').padEnd(26)} ${t.repo}`);
  process.exit(0);
}

function humanSize(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
  if (bytes >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(1)} KiB`;
  return `${bytes} B`;
}

function print(r: TargetReport, mirror: Mirror): void {
  const head = `${r.target.id} (${r.target.repo})`;
  if (r.status === 'skipped') return console.log(`- ${head}: skipped: ${r.message}`);
  const verb = { built: `built in ${r.seconds.toFixed(1)} s`, kept: 'up to date, kept', failed: 'FAILED' }[r.status];
  console.log(`- ${head}: ${verb}`);
  for (const f of r.files) {
    const where = relative(process.cwd(), mirror.file(f));
    console.log(`    ${humanSize(f.size).padStart(10)}  ${String(f.size).padStart(10)} B  sha256 ${f.sha256}  ${where}`);
  }
  if (r.message) console.log(`    ${r.message}`);
  for (const p of r.problems) console.log(`    problem: ${p}`);
  if (r.status !== 'failed' && r.files.length) console.log('    check: shapes and types match the published files');
}

async function main(): Promise<number> {
  const only = values.only.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const targets = selectTargets(only);
  const mirror = new Mirror(resolve(values.out));
  const sharedDir = existsSync(values.shared) ? resolve(values.shared) : null;
  const ctx = { mirror, sharedDir, log: (m: string) => console.log(`    ${m}`) };
  console.log(`mirror: ${mirror.root}${sharedDir ? '' : `  (no shared folder at ${values.shared})`}`);
  const started = performance.now();
  let failed = 0;
  for (const target of targets) {
    console.log(`* ${target.id}…`);
    const report = await runTarget(target, ctx, values.force);
    print(report, mirror);
    if (report.status === 'failed') failed++;
  }
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s${failed ? `, ${failed} target(s) failed` : ''}`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

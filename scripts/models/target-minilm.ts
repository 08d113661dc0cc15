/**
 * Target: the all-MiniLM-L6-v2 shape twin under its real repo id (Xenova/all-MiniLM-L6-v2), so a
 * mirror can stand in for the public host in speed and memory figures. Its tokenizer and config are
 * the real ones from ../shared; without them the twin is skipped (random weights plus a made-up
 * tokenizer would give misleading speed figures).
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bertWeights, encodeBertModel } from './bert-onnx.ts';
import { checkBertConfig, checkBertOnnx } from './checks.ts';
import { sha256Bytes } from './mirror.ts';
import { GENERATOR_VERSION, MINILM } from './specs.ts';
import type { BuildContext, Target } from './target.ts';

const repo = MINILM.repo;
const NOTE = 'Shape twin of all-MiniLM-L6-v2 made by Hearth make-models: random weights, meaningless vectors, real speed.';

const sourceDir = (ctx: BuildContext) => (ctx.sharedDir ? join(ctx.sharedDir, MINILM.sharedDir) : null);

export const miniLmTarget: Target = {
  id: 'minilm',
  groups: ['twins'],
  repo,
  outputs: [...MINILM.copiedFiles, MINILM.onnx.fp32, MINILM.onnx.quantized].map((path) => ({ repo, path })),
  unavailable(ctx) {
    const dir = sourceDir(ctx);
    const missing = dir ? MINILM.copiedFiles.filter((f) => !existsSync(join(dir, f))) : [...MINILM.copiedFiles];
    if (missing.length === 0) return null;
    return `the real tokenizer/config files are not at ${dir ?? '../shared/' + MINILM.sharedDir} (missing ${missing.join(', ')}); ` +
      'the MiniLM twin needs them, so it is skipped';
  },
  recipe(ctx) {
    const dir = sourceDir(ctx)!;
    const sources = MINILM.copiedFiles.map((f) => sha256Bytes(readFileSync(join(dir, f))));
    return sha256Bytes(JSON.stringify({ GENERATOR_VERSION, MINILM, sources }));
  },
  async build(ctx) {
    const dir = sourceDir(ctx)!;
    for (const f of MINILM.copiedFiles) copyFileSync(join(dir, f), ctx.mirror.file({ repo, path: f }));
    const weights = bertWeights(MINILM.shape, MINILM.seed);
    ctx.mirror.write({ repo, path: MINILM.onnx.fp32 }, encodeBertModel(MINILM.shape, weights, false, NOTE));
    ctx.mirror.write({ repo, path: MINILM.onnx.quantized }, encodeBertModel(MINILM.shape, weights, true, NOTE));
  },
  check(ctx) {
    const config = JSON.parse(readFileSync(ctx.mirror.file({ repo, path: 'config.json' }), 'utf8'));
    return [
      ...checkBertConfig(config, MINILM.shape),
      ...checkBertOnnx(ctx.mirror.file({ repo, path: MINILM.onnx.fp32 }), MINILM.shape, false),
      ...checkBertOnnx(ctx.mirror.file({ repo, path: MINILM.onnx.quantized }), MINILM.shape, true),
    ];
  },
};

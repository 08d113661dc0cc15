/** Where the benchmark models live in the mirror folder, and the skip message when they are not there. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbedderModel, ModelRecord } from '../../src/lib/catalog/types';
import { skip } from '../suite';

export const MINILM_DIR = 'Xenova/all-MiniLM-L6-v2/resolve/main';
export const MINILM_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx'];
export const SMOLLM2_DIR = 'HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/resolve/main';
export const SMOLLM2_FILES = { Q8_0: 'smollm2-135m-instruct-q8_0.gguf', Q4_0: 'smollm2-135m-instruct-q4_0.gguf' } as const;
export const LFM2_DIR = 'LiquidAI/LFM2-700M-GGUF/resolve/main';

export function mirrorPath(root: string, ...parts: string[]): string {
  return join(root, '.models', 'mirror', ...parts);
}

/** Skips the suite unless every file is in the mirror; says how to make them (`--only twins` or `--only test`). */
export function requireMirrorFiles(root: string, dir: string, files: readonly string[], what: string, target: 'twins' | 'test' = 'twins'): void {
  const missing = files.filter((f) => !existsSync(mirrorPath(root, dir, f)));
  if (missing.length) {
    skip(`${what} not found in .models/mirror/${dir} (missing ${missing.join(', ')}); run \`npx tsx scripts/make-models.ts --only ${target}\``);
  }
}

/** The all-MiniLM-L6-v2 record of the app's own catalog (models.json), which the twin stands in for. */
export function miniLmRecord(root: string): EmbedderModel {
  const catalog = JSON.parse(readFileSync(join(root, 'models.json'), 'utf8')) as { models: ModelRecord[] };
  const model = catalog.models.find((m): m is EmbedderModel => m.kind === 'embedder' && m.repo === 'Xenova/all-MiniLM-L6-v2');
  if (!model) throw new Error('models.json has no all-MiniLM-L6-v2 embedder record');
  return model;
}

/**
 * Every GGUF in the shipped catalog is of an architecture the installed wllama's llama.cpp builds:
 * its WebAssembly holds one `llama_model_<arch>` class per architecture it can load (the check made
 * by hand with `strings … | grep` before a model family is added, kept here so it stays true).
 * A new GGUF family needs its architecture named below, as its published file's `general.architecture`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import shipped from '../../../models.json';
import { parseCatalog } from './load';
import type { WllamaModel } from './types';

/** general.architecture of each family's published GGUF, by the start of its catalog id. */
const ARCHITECTURES: [prefix: string, arch: string][] = [
  ['SmolLM2-', 'llama'],
  ['Llama-3.2-', 'llama'],
  ['LFM2-', 'lfm2'],
  ['Qwen2.5-', 'qwen2'],
  ['Qwen3-', 'qwen3'],
  ['gemma-3-', 'gemma3'],
  ['stories260K', 'llama'],
];

const require = createRequire(import.meta.url);
const wasmPath = join(dirname(require.resolve('@wllama/wllama/package.json')), 'src/wasm/wllama.wasm');
const wasm = readFileSync(wasmPath).toString('latin1');
const gguf = parseCatalog(shipped).models.filter((m): m is WllamaModel => m.engine === 'wllama');

describe("the catalog's GGUF architectures are built into the shipped wllama", () => {
  it.each(gguf.map((m) => [m.id] as const))('%s', (id) => {
    const arch = ARCHITECTURES.find(([prefix]) => id.startsWith(prefix))?.[1];
    expect(arch, `${id}: name its architecture in ARCHITECTURES`).toBeDefined();
    // Itanium RTTI names the class as <length><name>, e.g. "17llama_model_qwen3".
    const cls = `llama_model_${arch}`;
    expect(wasm.includes(`${cls.length}${cls}`), `${cls} is not in ${wasmPath}`).toBe(true);
  });
});

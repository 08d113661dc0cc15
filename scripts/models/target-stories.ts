/**
 * Target: stories260K.gguf, a real tiny llama model (not generated): copied from ../shared, or
 * downloaded from its public home where that is reachable. Its sha256 is pinned in specs.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readGgufHeader } from './gguf-reader.ts';
import { sha256Bytes, sha256File } from './mirror.ts';
import { STORIES260K } from './specs.ts';
import type { Target } from './target.ts';

const ref = { repo: STORIES260K.repo, path: STORIES260K.path };

async function download(): Promise<Uint8Array> {
  const res = await fetch(STORIES260K.url, { signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export const storiesTarget: Target = {
  id: 'stories',
  groups: ['test', 'stories260k'], // the end-to-end tests' LLM
  repo: STORIES260K.repo,
  outputs: [ref],
  recipe: () => STORIES260K.sha256,
  async build(ctx) {
    const local = ctx.sharedDir ? join(ctx.sharedDir, STORIES260K.sharedPath) : null;
    let bytes: Uint8Array;
    if (local && existsSync(local)) {
      bytes = readFileSync(local);
      ctx.log(`copying ${local}`);
    } else {
      ctx.log(`not in ../shared; downloading ${STORIES260K.url}`);
      try {
        bytes = await download();
      } catch (err) {
        throw new Error(
          `stories260K.gguf is not at ../shared/${STORIES260K.sharedPath} and the download failed ` +
          `(${(err as Error).message}${(err as Error).cause ? `: ${String((err as Error).cause)}` : ''}). ` +
          'Place the file there, or run where the model host is reachable.');
      }
    }
    const sha = sha256Bytes(bytes);
    if (sha !== STORIES260K.sha256) throw new Error(`stories260K.gguf has sha256 ${sha}, expected ${STORIES260K.sha256}`);
    ctx.mirror.write(ref, bytes);
  },
  async check(ctx) {
    const path = ctx.mirror.file(ref);
    const problems: string[] = [];
    const sha = await sha256File(path);
    if (sha !== STORIES260K.sha256) problems.push(`sha256 ${sha}, expected ${STORIES260K.sha256}`);
    const arch = readGgufHeader(path).metadata.get('general.architecture');
    if (arch !== 'llama') problems.push(`general.architecture is ${String(arch)}, expected llama`);
    return problems;
  },
};

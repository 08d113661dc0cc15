/**
 * A quick figure: passages/s of the shared Embedder in Node (onnxruntime-node) with the
 * all-MiniLM-L6-v2 twin from a local mirror, on the same SciFact sentences (18–28 words) as the
 * browser's embedding suite (bench/suites/embedding.ts), plus ~1,000-character passages (the app's
 * chunk size). Median of repeated runs after two warm-ups.
 *
 * Usage: npx tsx bench/embed-speed-node.ts [--mirror .models/mirror] [--dtype q8|fp32] [--threads 1,2] [--shared ../shared]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchText, sentencesOfLength } from './data/text';
import { findEmbedder, readCatalogFile } from '../cli/catalog-node';
import { loadNodeEmbedder } from '../cli/node-embedder';

const { values } = parseArgs({
  options: {
    mirror: { type: 'string', default: '.models/mirror' },
    dtype: { type: 'string', default: 'q8' },
    threads: { type: 'string', default: '1,2' },
    shared: { type: 'string', default: process.env.HEARTH_SHARED_DIR ?? join(process.cwd(), '..', 'shared') },
  },
});

const model = { ...findEmbedder(readCatalogFile(), 'all-MiniLM-L6-v2'), dtype: values.dtype };
const source = benchText(values.shared);
const sentences = sentencesOfLength(source, 32, 18, 28);
const passages: string[] = [];
for (let i = 0, p = ''; i < source.sentences.length && passages.length < 32; i++) {
  p = p ? `${p} ${source.sentences[i]}` : source.sentences[i]!;
  if (p.length >= 1000) [passages[passages.length], p] = [p.slice(0, 1000), ''];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`${model.name}, ${model.dtype}, from ${values.mirror}; texts: ${source.name}; Node ${process.version}`);
for (const threads of values.threads.split(',').map(Number)) {
  const t0 = performance.now();
  const embedder = await loadNodeEmbedder(model, values.mirror, undefined, { threads });
  console.log(`threads ${threads}: load ${(performance.now() - t0).toFixed(0)} ms`);
  const cases: [string, string[]][] = [
    ['sentences 18–28 words, batch 1', sentences.slice(0, 1)],
    ['sentences 18–28 words, batch 8', sentences.slice(0, 8)],
    ['sentences 18–28 words, batch 32', sentences.slice(0, 32)],
    ['passages ~1,000 chars, batch 8', passages.slice(0, 8)],
    ['passages ~1,000 chars, batch 32', passages.slice(0, 32)],
  ];
  for (const [label, texts] of cases) {
    for (let i = 0; i < 2; i++) await embedder.embed(texts, 'passage');
    const ms: number[] = [];
    const start = performance.now();
    while (ms.length < 5 || (performance.now() - start < 2000 && ms.length < 30)) {
      const s = performance.now();
      await embedder.embed(texts, 'passage');
      ms.push(performance.now() - s);
    }
    const tokens = texts.reduce((n, t) => n + Math.min(embedder.countTokens(t), embedder.maxTokens), 0);
    const m = median(ms);
    console.log(`  ${label.padEnd(34)} ${((texts.length * 1000) / m).toFixed(1).padStart(7)} passages/s  ${((tokens * 1000) / m).toFixed(0).padStart(6)} tokens/s  (n ${ms.length})`);
  }
}

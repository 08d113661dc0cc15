import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { llamaExpectedMetadata, SMOLLM2 } from '../../scripts/models/specs';
import { buildGguf } from '../downloads/gguf-fixture';
import { readGgufHeader } from '../downloads/gguf-header';
import { headWidths, kvCacheOptions, readModelHeader } from './kv-cache';

const Q8 = { cache_type_k: 'q8_0', cache_type_v: 'q8_0', flash_attn: true };

/** SmolLM2-135M's header as llama.cpp's converter writes it (numbers and strings only). */
const smollm2 = buildGguf(
  Object.entries(llamaExpectedMetadata(SMOLLM2.shape, 'Q8_0')).map(([k, v]): [string, string | number] => [k, v]),
);

describe('kvCacheOptions', () => {
  it('gives SmolLM2 (64-wide heads) a q8_0 cache with flash attention', () => {
    const header = readGgufHeader(smollm2);
    expect(headWidths(header!)).toEqual({ key: 64, value: 64 });
    expect(kvCacheOptions(header)).toEqual(Q8);
  });

  it('keeps the default cache when asked for f16, or when the header is unreadable', () => {
    expect(kvCacheOptions(readGgufHeader(smollm2), 'f16')).toEqual({});
    expect(kvCacheOptions(null)).toEqual({});
    expect(kvCacheOptions(readGgufHeader(buildGguf([['general.architecture', 'llama']])))).toEqual({});
  });

  it('uses explicit key/value widths over embedding ÷ heads, and refuses widths q8_0 cannot pack', () => {
    const header = (entries: [string, string | number][]) => readGgufHeader(buildGguf([['general.architecture', 'gemma2'], ...entries]));
    // Gemma-2-2B: 2304 / 8 = 288 wide by division, but its heads are 256 wide.
    const gemma = header([['gemma2.embedding_length', 2304], ['gemma2.attention.head_count', 8], ['gemma2.attention.key_length', 256], ['gemma2.attention.value_length', 256]]);
    expect(headWidths(gemma!)).toEqual({ key: 256, value: 256 });
    expect(kvCacheOptions(gemma)).toEqual(Q8);
    const narrow = header([['gemma2.embedding_length', 640], ['gemma2.attention.head_count', 8]]);
    expect(headWidths(narrow!)).toEqual({ key: 80, value: 80 });
    expect(kvCacheOptions(narrow)).toEqual({});
  });

  const REAL = ['../shared/models/stories260K/stories260K.gguf', '.models/mirror/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf'].find((p) => existsSync(p));

  // `npm test` makes the test models first, so the real file is always there for this test.
  it('keeps the default cache for the real stories260K (8-wide heads), read from a Blob', async () => {
    expect(REAL, 'stories260K.gguf (npm run models -- --only test)').toBeTruthy();
    const blob = new Blob([readFileSync(REAL!)]);
    expect(headWidths(readGgufHeader(await blob.arrayBuffer())!)).toEqual({ key: 8, value: 8 });
    expect(kvCacheOptions(await readModelHeader(blob))).toEqual({});
  });
});

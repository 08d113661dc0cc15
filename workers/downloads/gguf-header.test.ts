import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGguf } from './gguf-fixture';
import { factsOf, isGguf, readGgufHeader } from './gguf-header';

const sample = buildGguf([
  ['general.architecture', 'llama'],
  ['general.name', 'Tiny Stories'],
  ['tokenizer.ggml.tokens', ['<s>', '</s>', 'hello']],
  ['llama.context_length', 512],
]);

describe('readGgufHeader', () => {
  it('reads scalar and string values and skips arrays', () => {
    const header = readGgufHeader(sample);
    expect(header?.version).toBe(3);
    expect(header?.complete).toBe(true);
    expect(header?.metadata.has('tokenizer.ggml.tokens')).toBe(false);
    expect(factsOf(header!)).toEqual({ name: 'Tiny Stories', architecture: 'llama', contextLength: 512, hasChatTemplate: false });
  });

  it('keeps what it read when the buffer ends early', () => {
    const header = readGgufHeader(sample.slice(0, sample.byteLength - 6));
    expect(header?.complete).toBe(false);
    expect(header?.metadata.get('general.name')).toBe('Tiny Stories');
  });

  it('refuses bytes that are not GGUF', () => {
    const text = new TextEncoder().encode('<!doctype html>').buffer;
    expect(isGguf(text)).toBe(false);
    expect(readGgufHeader(text)).toBeNull();
    expect(readGgufHeader(new ArrayBuffer(2))).toBeNull();
  });
});

const REAL = ['../shared/models/stories260K/stories260K.gguf', '.models/mirror/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf'].find((p) => existsSync(p));

// `npm test` makes the test models first, so the real file is always there for this test.
describe('the real stories260K.gguf', () => {
  it('is read to the end of its metadata', () => {
    expect(REAL, 'stories260K.gguf (npm run models -- --only test)').toBeTruthy();
    const bytes = readFileSync(REAL!);
    const header = readGgufHeader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(header?.complete).toBe(true);
    const facts = factsOf(header!);
    expect(facts.architecture).toBe('llama');
    expect(facts.contextLength).toBeGreaterThan(0);
  });
});

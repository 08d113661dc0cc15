import { describe, expect, it } from 'vitest';
import { countingStream } from './counting-stream';

describe('countingStream', () => {
  it('passes every byte through unchanged and reports the running total after each chunk', async () => {
    const totals: number[] = [];
    const source = new Response(new Blob([new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])])).body!;
    const out = new Uint8Array(await new Response(source.pipeThrough(countingStream((n) => totals.push(n)))).arrayBuffer());
    expect([...out]).toEqual([1, 2, 3, 4, 5]);
    expect(totals.at(-1)).toBe(5);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
  });
});

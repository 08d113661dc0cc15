import { describe, expect, it } from 'vitest';
import { isPartialComplete, parseContentRange, planWrite, rangeStartFor, type PartialRecord } from './range';

const URL_A = 'http://mirror/a.gguf';
const record: PartialRecord = { url: URL_A, etag: '"v1"', totalBytes: 1000 };
const partial = (status: number, contentRange: string | null, etag: string | null = '"v1"') => ({ status, contentRange, etag, contentLength: null });

describe('rangeStartFor', () => {
  it('continues a partial file of the same URL', () => {
    expect(rangeStartFor(record, URL_A, 400)).toBe(400);
  });
  it('starts over without a record, for another URL, with nothing on disk or with too many bytes', () => {
    expect(rangeStartFor(null, URL_A, 400)).toBe(0);
    expect(rangeStartFor(record, 'http://other/a.gguf', 400)).toBe(0);
    expect(rangeStartFor(record, URL_A, 0)).toBe(0);
    expect(rangeStartFor(record, URL_A, 1001)).toBe(0);
  });
});

describe('isPartialComplete', () => {
  it('is true only when every byte of a known size is there', () => {
    expect(isPartialComplete(record, 1000)).toBe(true);
    expect(isPartialComplete(record, 999)).toBe(false);
    expect(isPartialComplete({ ...record, totalBytes: null }, 1000)).toBe(false);
    expect(isPartialComplete(null, 1000)).toBe(false);
  });
});

describe('parseContentRange', () => {
  it('reads start, end and total', () => {
    expect(parseContentRange('bytes 400-999/1000')).toEqual({ start: 400, end: 999, total: 1000 });
    expect(parseContentRange('bytes 0-9/*')).toEqual({ start: 0, end: 9, total: null });
  });
  it('refuses malformed or impossible ranges', () => {
    expect(parseContentRange(null)).toBeNull();
    expect(parseContentRange('bytes */1000')).toBeNull();
    expect(parseContentRange('bytes 9-3/1000')).toBeNull();
    expect(parseContentRange('bytes 0-1000/1000')).toBeNull();
  });
});

describe('planWrite', () => {
  it('appends when the server sends the asked-for bytes of the same file', () => {
    expect(planWrite(400, record, partial(206, 'bytes 400-999/1000'))).toEqual({ kind: 'append', from: 400, totalBytes: 1000 });
  });
  it('restarts from byte 0 when the server ignores Range and sends the whole file', () => {
    expect(planWrite(400, record, { status: 200, contentRange: null, etag: '"v1"', contentLength: 1000 })).toEqual({ kind: 'restart', totalBytes: 1000 });
  });
  it('a fresh download takes the size from Content-Length, or from a 206 of byte 0', () => {
    expect(planWrite(0, null, { status: 200, contentRange: null, etag: null, contentLength: 5 })).toEqual({ kind: 'restart', totalBytes: 5 });
    expect(planWrite(0, null, partial(206, 'bytes 0-4/5'))).toEqual({ kind: 'restart', totalBytes: 5 });
  });
  it('starts over when the ETag changed', () => {
    expect(planWrite(400, record, partial(206, 'bytes 400-999/1000', '"v2"'))).toMatchObject({ kind: 'refetch', reason: expect.stringContaining('ETag') });
  });
  it('starts over when the size changed, the range starts elsewhere, or is unreadable', () => {
    expect(planWrite(400, record, partial(206, 'bytes 400-1999/2000')).kind).toBe('refetch');
    expect(planWrite(400, record, partial(206, 'bytes 0-999/1000')).kind).toBe('refetch');
    expect(planWrite(400, record, partial(206, null)).kind).toBe('refetch');
    expect(planWrite(400, record, partial(416, null)).kind).toBe('refetch');
  });
  it('trusts a partial without a stored ETag when the size matches', () => {
    expect(planWrite(400, { ...record, etag: null }, partial(206, 'bytes 400-999/1000', '"x"'))).toEqual({ kind: 'append', from: 400, totalBytes: 1000 });
  });
});

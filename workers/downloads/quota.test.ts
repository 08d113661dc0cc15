import { describe, expect, it } from 'vitest';
import { checkRoom, freeBytes, marginFor } from './quota';

const MB = 1024 * 1024;

describe('freeBytes', () => {
  it('is quota minus usage, never negative, null when the quota is unknown', () => {
    expect(freeBytes({ quota: 10 * MB, usage: 4 * MB })).toBe(6 * MB);
    expect(freeBytes({ quota: 1 * MB, usage: 4 * MB })).toBe(0);
    expect(freeBytes({ quota: 10 * MB })).toBe(10 * MB);
    expect(freeBytes({})).toBeNull();
  });
});

describe('checkRoom', () => {
  it('lets a download through when it fits with the margin', () => {
    expect(checkRoom('M', 1 * MB, { quota: 10 * MB, usage: 0 })).toBeNull();
  });

  it('refuses with STORAGE_FULL and a message naming the sizes and what to do', () => {
    const error = checkRoom('Stories 260K', 1.2 * MB, { quota: 10 * MB, usage: 9.7 * MB });
    expect(error?.code).toBe('STORAGE_FULL');
    expect(error?.message).toContain('Stories 260K needs 1.2 MB');
    expect(error?.message).toContain('only 307 KB more');
    expect(error?.message).toMatch(/Delete models/);
  });

  it('counts the margin: exactly the free space is not enough', () => {
    const free = 5 * MB;
    expect(checkRoom('M', free, { quota: free, usage: 0 })?.code).toBe('STORAGE_FULL');
    expect(checkRoom('M', free - marginFor(free), { quota: free, usage: 0 })).toBeNull();
  });

  it('does not block when the browser gives no estimate, or nothing is left to fetch', () => {
    expect(checkRoom('M', 100 * MB, {})).toBeNull();
    expect(checkRoom('M', 0, { quota: 0, usage: 0 })).toBeNull();
  });
});

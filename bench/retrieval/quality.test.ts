import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRetrievalQuality } from './quality';

describe('runRetrievalQuality', () => {
  it('returns [] and says which dataset is missing when the datasets are absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-datasets-'));
    const lines: string[] = [];
    const figures = await runRetrievalQuality({ datasetsDir: dir, log: (line) => lines.push(line) });
    expect(figures).toEqual([]);
    expect(lines).toEqual([
      `skipped: dataset not found at ${join(dir, 'scifact')}`,
      `skipped: dataset not found at ${join(dir, 'squad', 'v1.1-dev')}`,
    ]);
  });
});

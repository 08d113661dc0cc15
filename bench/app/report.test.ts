import { describe, expect, it } from 'vitest';
import { renderAppReport, type AppReport } from './report';

const report: AppReport = {
  date: '2026-12-01T23:00:00.000Z',
  commit: 'abc1234',
  quick: false,
  buildSeconds: 17,
  withMirror: true,
  loads: [{ phase: 'start', loadavg: [3.1, 2, 1] }],
  firstScreen: {
    pageGzip: 250 * 1024,
    pageJsGzip: 246 * 1024,
    pageCssGzip: 4 * 1024,
    workerJsGzip: 200 * 1024,
    excludedBytes: 0,
    readyMs: 991,
    chunks: [{ url: 'http://127.0.0.1:1/assets/index-X.js', kind: 'js', by: 'page', bytes: 373_826, gzipBytes: 121_514 }],
    makeup: [{ file: 'assets/index-X.js', parts: [{ pkg: '(app)', bytes: 300 }, { pkg: 'marked', bytes: 100 }] }],
  },
  precache: {
    swFile: 'sw.js',
    files: 2,
    bytes: 3 * 1024 * 1024,
    gzipBytes: 1024 * 1024,
    groups: [{ group: 'pdf.js CMaps', files: 2, bytes: 3 * 1024 * 1024, gzipBytes: 1024 * 1024, largest: [{ url: 'pdfjs/cmaps/A.bcmap', bytes: 2 * 1024 * 1024 }], deferrable: 'on first use' }],
    deferrableBytes: 3 * 1024 * 1024,
    duplicated: [{ stem: 'docx.js', copies: 2, bytes: 626_539 }],
    repeatedPackages: [],
    missing: [],
    cached: null,
  },
  offline: { samples: [300, 500, 1200], p50: 500, p90: 1060, settleMs: 3000 },
  lighthouse: [
    {
      preset: 'mobile',
      scores: { performance: 79, accessibility: 95, 'best-practices': 100 },
      failing: [{ category: 'accessibility', id: 'color-contrast', title: 'Contrast', score: 0, weight: 7, items: ['button.ghost | x', 'http://127.0.0.1:40163/assets/index-X.js (could save 62 KiB of 119 KiB)'] }],
      warnings: [],
    },
  ],
};

describe('renderAppReport', () => {
  const md = renderAppReport(report);

  it('states each headline figure against its target', () => {
    expect(md).toContain('**Page JS + CSS: 250 KiB gzip** (JS 246 KiB, CSS 4.0 KiB); target ≤ 200 KiB: **MISSED**');
    expect(md).toContain('**p50 500 ms, p90 1060 ms** (min 300, max 1200); target p50 ≤ 1000 ms: met');
    expect(md).toContain('| mobile | 79 ✗ | 95 | 100 |');
    expect(md).toContain('**3.00 MiB**');
  });

  it('lists the groups, what could wait, the duplicates and the failing audits (table pipes escaped)', () => {
    expect(md).toContain('| pdf.js CMaps | 2 | 3.00 MiB | 1.00 MiB | A.bcmap 2.00 MiB | on first use |');
    expect(md).toContain('docx.js ×2');
    expect(md).toContain('- accessibility · `color-contrast` (score 0, weight 7): Contrast');
    expect(md).toContain('  - button.ghost \\| x');
    expect(md).toContain('  - /assets/index-X.js (could save 62 KiB of 119 KiB)');
    expect(md).toContain('(app) 0.3 KiB (75 %), marked 0.1 KiB (25 %)');
    expect(md).toContain('Load average (1/5/15 min; 2 cores) start 3.10 / 2.00 / 1.00');
  });
});

import { describe, expect, it } from 'vitest';
import { describe as describeItem, failingAudits, type LhrLike } from './lighthouse-result';

const lhr: LhrLike = {
  categories: {
    accessibility: { title: 'Accessibility', score: 0.95, auditRefs: [{ id: 'color-contrast', weight: 7 }, { id: 'label', weight: 7 }, { id: 'tabindex', weight: 0 }] },
    performance: { title: 'Performance', score: 0.79, auditRefs: [{ id: 'total-blocking-time', weight: 30 }, { id: 'unused-javascript', weight: 0 }] },
  },
  audits: {
    'color-contrast': {
      id: 'color-contrast',
      title: 'Background and foreground colors do not have a sufficient contrast ratio.',
      score: 0,
      scoreDisplayMode: 'binary',
      details: { items: [{ node: { selector: 'button.ghost', snippet: '<button class="ghost">', explanation: 'Fix any of the following:\n  Element has insufficient color contrast of 3.1' } }] },
    },
    label: { id: 'label', title: 'Form elements have associated labels', score: 1, scoreDisplayMode: 'binary' },
    tabindex: { id: 'tabindex', title: 'No element has a tabindex value greater than 0', score: null, scoreDisplayMode: 'notApplicable' },
    'total-blocking-time': { id: 'total-blocking-time', title: 'Total Blocking Time', score: 0.41, scoreDisplayMode: 'numeric', displayValue: '730 ms' },
    'unused-javascript': {
      id: 'unused-javascript',
      title: 'Reduce unused JavaScript',
      score: 0,
      scoreDisplayMode: 'metricSavings',
      details: { items: [{ url: 'http://x/assets/index.js', wastedBytes: 63_258, totalBytes: 121_383 }] },
    },
  },
};

describe('failingAudits', () => {
  it('scores categories 0–100 and lists the audits below 90 with what they found', () => {
    const run = failingAudits('mobile', lhr);
    expect(run.scores).toEqual({ accessibility: 95, performance: 79 });
    expect(run.failing.map((a) => [a.category, a.id, a.score, a.weight])).toEqual([
      ['accessibility', 'color-contrast', 0, 7],
      ['performance', 'total-blocking-time', 41, 30],
      ['performance', 'unused-javascript', 0, 0],
    ]);
    expect(run.failing[0]?.items[0]).toBe('button.ghost <button class="ghost">: Fix any of the following:   Element has insufficient color contrast of 3.1');
    expect(run.failing[2]?.items[0]).toBe('http://x/assets/index.js (could save 62 KiB of 119 KiB)');
  });

  it('throws on a Lighthouse runtime error instead of reporting empty scores', () => {
    expect(() => failingAudits('desktop', { ...lhr, runtimeError: { code: 'NO_FCP', message: 'no paint' } })).toThrow(/NO_FCP/u);
  });

  it('describes nothing for an item that is neither an element nor a URL', () => {
    expect(describeItem({})).toBeNull();
  });
});

/**
 * The cost of showing a streamed answer: a 1,000-token answer (4 characters a token, Markdown with
 * paragraphs, lists, headings, tables, code and citations) arrives one token per animation frame,
 * as the chat flushes it; every flush renders the answer so far with the app's sanitizing renderer.
 * Incremental (finished blocks kept, only the last re-parsed) against a full re-parse of the whole
 * answer every frame (the renderer before it). Main-thread time of the flushes, layout included.
 */
import { figure, type Figure } from '../figure';
import { median } from '../stats';
import type { Suite } from '../suite';
import type { RenderPageApi, RenderRun } from '../pages/render';

const NAME = 'render';
const CHARS_PER_TOKEN = 4;

export const renderSuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: 'streamed answer rendering: 1,000 tokens flushed once per frame, incremental vs full re-parse (main-thread ms)',
  async run(ctx) {
    const tokens = ctx.quick ? 200 : 1000;
    const reps = ctx.quick ? 1 : 5;
    const env = await ctx.browser();
    const page = await env.openPage<RenderPageApi>('render');
    const runs: Record<'incremental' | 'full', RenderRun[]> = { incremental: [], full: [] };
    try {
      await page.call('stream', 'incremental', 100, CHARS_PER_TOKEN, 1, 99); // warm-up (JIT, styles)
      await page.call('stream', 'full', 100, CHARS_PER_TOKEN, 1, 99);
      for (let r = 0; r < reps; r++) {
        // Alternate, so a slow moment of the machine does not fall on one way only.
        for (const mode of r % 2 ? (['full', 'incremental'] as const) : (['incremental', 'full'] as const)) {
          const run = await page.call('stream', mode, tokens, CHARS_PER_TOKEN, 1, r + 1);
          if (!run.same) throw new Error(`${mode} rendering ended with other HTML than a full render of the same answer`);
          runs[mode].push(run);
        }
      }
    } finally {
      await page.close();
    }
    const total = (mode: 'incremental' | 'full') => runs[mode].map((r) => r.totalMs);
    const fullTotal = median(total('full'));
    const figures: Figure[] = [
      figure(NAME, {
        name: `${tokens.toLocaleString('en')}-token answer streamed, incremental: main-thread time of all flushes`,
        unit: 'ms',
        samples: total('incremental'),
        better: 'lower',
        baseline: { name: 'full re-parse every frame, same run', value: fullTotal, kind: 'measured' },
      }),
      figure(NAME, {
        name: `${tokens.toLocaleString('en')}-token answer streamed, full re-parse every frame: main-thread time of all flushes`,
        unit: 'ms',
        samples: total('full'),
        better: 'lower',
      }),
      figure(NAME, {
        name: 'incremental: mean flush over the last 10% of the answer',
        unit: 'ms',
        samples: runs.incremental.map((r) => r.tailMeanMs),
        better: 'lower',
        baseline: { name: 'full re-parse, same flushes', value: median(runs.full.map((r) => r.tailMeanMs)), kind: 'measured' },
      }),
      figure(NAME, {
        name: 'incremental: longest single flush',
        unit: 'ms',
        samples: runs.incremental.map((r) => r.maxMs),
        better: 'lower',
        baseline: { name: 'full re-parse, longest flush', value: median(runs.full.map((r) => r.maxMs)), kind: 'measured' },
      }),
    ];
    const first = runs.incremental[0];
    ctx.log(`  incremental ${median(total('incremental')).toFixed(0)} ms, full ${fullTotal.toFixed(0)} ms over ${first?.flushes} flushes`);
    return {
      figures,
      notes: [
        `${first?.chars.toLocaleString('en')} characters (${CHARS_PER_TOKEN} a token) in ${first?.flushes} flushes, one token per animation frame; marked + DOMPurify as in the app; each way's final HTML checked equal to a full render; ${reps} runs each, alternating`,
      ],
    };
  },
};

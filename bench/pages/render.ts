/**
 * A streamed answer rendered as the app renders it: tokens are appended and flushed once per
 * animation frame; each flush renders the answer so far (the app's own answer-html.ts) and puts it
 * in the page. Two ways: the whole answer re-parsed and re-sanitized every frame and set as one
 * innerHTML (what AnswerText.svelte did), or incrementally (IncrementalAnswer: finished blocks kept,
 * only the changed tail re-rendered; only block elements whose HTML changed are replaced, as the
 * keyed {#each}/{@html} in AnswerText.svelte does). Main-thread time per flush includes the layout
 * the browser must do for the new content (forced right after, so it is counted).
 */
import { renderAnswer } from '../../src/lib/render/answer-html';
import { IncrementalAnswer } from '../../src/lib/render/incremental-markdown';
import { longAnswer } from '../../src/lib/render/sample-answers';
import { expose } from './expose';

export interface RenderRun {
  /** Sum of the main-thread time of every flush, ms. */
  totalMs: number;
  /** The longest single flush, ms. */
  maxMs: number;
  /** The last 10% of flushes, mean ms (where a full re-parse costs most). */
  tailMeanMs: number;
  flushes: number;
  chars: number;
  /** The final DOM equals a full render of the answer. */
  same: boolean;
}

const CITABLE = [1, 2, 3, 4, 5];

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function applyBlocks(container: HTMLElement, shown: string[], blocks: string[]): void {
  for (let i = 0; i < blocks.length; i++) {
    if (shown[i] === blocks[i]) continue;
    let holder = container.children[i] as HTMLElement | undefined;
    if (!holder) {
      holder = document.createElement('div');
      holder.style.display = 'contents';
      container.append(holder);
    }
    holder.innerHTML = blocks[i] as string;
    shown[i] = blocks[i] as string;
  }
  while (container.children.length > blocks.length) container.lastElementChild?.remove();
  shown.length = blocks.length;
}

async function stream(mode: 'incremental' | 'full', tokens: number, charsPerToken: number, tokensPerFlush: number, seed: number): Promise<RenderRun> {
  const container = document.getElementById('answer') as HTMLElement;
  container.replaceChildren();
  const answer = longAnswer(tokens * charsPerToken, seed);
  const renderer = new IncrementalAnswer();
  const shown: string[] = [];
  const times: number[] = [];
  for (let end = 0; end < answer.length; ) {
    end = Math.min(answer.length, end + tokensPerFlush * charsPerToken);
    const text = answer.slice(0, end);
    await nextFrame();
    const t0 = performance.now();
    if (mode === 'full') container.innerHTML = renderAnswer(text, CITABLE);
    else applyBlocks(container, shown, renderer.update(text, CITABLE));
    void container.getBoundingClientRect().height; // the layout of the new content, in this flush
    times.push(performance.now() - t0);
  }
  const reference = document.createElement('div');
  reference.innerHTML = renderAnswer(answer, CITABLE);
  const shownNow = document.createElement('div');
  shownNow.innerHTML = mode === 'full' ? container.innerHTML : [...container.children].map((holder) => holder.innerHTML).join('');
  const tail = times.slice(Math.floor(times.length * 0.9));
  return {
    totalMs: times.reduce((a, b) => a + b, 0),
    maxMs: Math.max(...times),
    tailMeanMs: tail.reduce((a, b) => a + b, 0) / tail.length,
    flushes: times.length,
    chars: answer.length,
    same: shownNow.innerHTML === reference.innerHTML,
  };
}

const api = { stream };
export type RenderPageApi = typeof api;

expose(api);

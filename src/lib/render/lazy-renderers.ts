/**
 * The Markdown renderer and sanitizer (marked and DOMPurify, about a quarter of the page's script)
 * draw only answers and passages, so they stay out of the first screen's bundle: loaded once, on
 * first use or when the page is idle after start (`preloadRenderers`), whichever comes first.
 */
type AnswerModule = typeof import('./incremental-markdown');
type PassageModule = typeof import('./passage-html');

let answer: Promise<AnswerModule> | null = null;
let passage: Promise<PassageModule> | null = null;

export function loadAnswerRenderer(): Promise<AnswerModule> {
  return (answer ??= import('./incremental-markdown'));
}

export function loadPassageRenderer(): Promise<PassageModule> {
  return (passage ??= import('./passage-html'));
}

/** Start both loads once the browser is idle after the first screen. */
export function preloadRenderers(): void {
  const start = () => {
    void loadAnswerRenderer();
    void loadPassageRenderer();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 3000 });
  else setTimeout(start, 1000);
}

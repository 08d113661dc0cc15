/**
 * The Markdown renderer and sanitizer (marked and DOMPurify, about a quarter of the page's script)
 * draw only answers and passages, so they stay out of the first screen's bundle: loaded once, on
 * first use or when the person first touches or types (`preloadRenderers`: a question is on its way),
 * whichever comes first. Loading them at start would add their start-up to the first screen's work.
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

const FIRST_TOUCH = ['pointerdown', 'keydown', 'focusin'] as const;

/** Start both loads at the person's first touch, key or focus. */
export function preloadRenderers(target: EventTarget = window): void {
  const start = () => {
    for (const type of FIRST_TOUCH) target.removeEventListener(type, start, true);
    void loadAnswerRenderer();
    void loadPassageRenderer();
  };
  for (const type of FIRST_TOUCH) target.addEventListener(type, start, { capture: true, passive: true });
}

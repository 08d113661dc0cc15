/**
 * An init script that records when the question box is usable: the first moment (performance.now(),
 * i.e. ms since navigation start) a visible, enabled, focusable <textarea> is in the page.
 */
export interface ProbeResult {
  readyAt: number;
  /** Epoch ms of readyAt (performance.timeOrigin + readyAt), to compare with request times. */
  readyEpoch: number;
}

declare global {
  interface Window {
    __hearthQuestionReady?: ProbeResult;
  }
}

export const QUESTION_PROBE = `(() => {
  const usable = () => [...document.querySelectorAll('textarea')].some((el) =>
    !el.disabled && !el.readOnly && el.tabIndex >= 0 && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
  const record = () => {
    if (window.__hearthQuestionReady || !usable()) return false;
    const readyAt = performance.now();
    window.__hearthQuestionReady = { readyAt, readyEpoch: performance.timeOrigin + readyAt };
    performance.mark('hearth:question-ready');
    return true;
  };
  const observer = new MutationObserver(() => { if (record()) observer.disconnect(); });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'readonly', 'hidden', 'class', 'style'] });
})();`;

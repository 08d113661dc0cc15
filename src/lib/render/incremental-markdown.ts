/**
 * A streamed answer rendered without re-parsing all of it on every frame. Appending text can only
 * change the last top-level Markdown block (a paragraph grows, a list gains an item, a fence closes,
 * a line under a paragraph makes it a heading), so every block before the last non-blank one is
 * final: it is parsed, sanitized and turned to HTML once and kept. Each update lexes only the text
 * from the first unfinished block on and renders only that tail.
 *
 * The blocks add up to exactly `renderAnswer` of the same text (answer-html.ts renders both the same
 * way, block by block). Two things would break that and are handled by rendering everything again:
 * a link reference definition (`[x]: url` changes links in blocks before it) and a text that is not
 * the previous one with more appended (an answer replaced, or other citable numbers).
 */
import type { Words } from '../i18n/translate';
import { lexBlocks, NONE_GONE, prepareMarkdown, renderAnswerBlocks, renderBlock, type Citable } from './answer-html';

function citableKey(citable: Citable, gone: ReadonlySet<number>): string {
  return `${typeof citable === 'number' ? `<=${citable}` : [...citable].join(',')}|${[...gone].join(',')}`;
}

export class IncrementalAnswer {
  /** The prepared text the finished blocks were lexed from. */
  #stableText = '';
  #stableHtml: string[] = [];
  #key = '';
  /** A link reference definition was seen: every update renders the whole text. */
  #whole = false;

  /**
   * The answer's HTML, one entry per finished block and the unfinished tail last; `gone`: cited
   * passages whose document was deleted (a change renders everything again, as other numbers do,
   * and as another language `w` of the citation marks' titles does).
   */
  update(text: string, citable: Citable, gone: ReadonlySet<number> = NONE_GONE, w?: Words): string[] {
    const key = `${citableKey(citable, gone)}|${w?.locale ?? ''}`;
    const prepared = prepareMarkdown(text);
    if (key !== this.#key || !prepared.startsWith(this.#stableText)) this.#reset(key);
    if (this.#whole) return renderAnswerBlocks(text, citable, gone, w);

    const tail = prepared.slice(this.#stableText.length);
    const tokens = lexBlocks(tail);
    if (Object.keys(tokens.links).length > 0 || tokens.reduce((n, t) => n + t.raw.length, 0) !== tail.length) {
      // References reach back into finished blocks (or the lexer's pieces do not add up to the text).
      this.#whole = true;
      return renderAnswerBlocks(text, citable, gone, w);
    }
    let last = tokens.length - 1;
    while (last > 0 && tokens[last]?.type === 'space') last--;
    let finished = '';
    for (let i = 0; i < last; i++) {
      const token = tokens[i]!;
      const html = renderBlock(token, citable, gone, w);
      if (html) this.#stableHtml.push(html);
      finished += token.raw;
    }
    this.#stableText += finished;
    let live = '';
    for (let i = Math.max(last, 0); i < tokens.length; i++) live += renderBlock(tokens[i]!, citable, gone, w);
    return live ? [...this.#stableHtml, live] : [...this.#stableHtml];
  }

  #reset(key: string): void {
    this.#key = key;
    this.#stableText = '';
    this.#stableHtml = [];
    this.#whole = false;
  }
}

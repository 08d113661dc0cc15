/**
 * Model output is untrusted: Markdown → HTML (marked) → sanitized (DOMPurify: no scripts, no event
 * handlers, no images or frames that could send data out, links http(s)/mailto only) → citation
 * markers ([1], [1, 2], [1-3], [1][2]; core/cite.ts) in text nodes become buttons, but only for
 * numbers among the passages the model was given (a passage whose document was deleted since is
 * cited by a mark that opens nothing: `gone`). Its output enters the page in one place
 * (AnswerText.svelte's {@html}); the passage view's document text goes through the same sanitizer
 * (sanitizeMarkdown) and enters as a DocumentFragment (PassagePanel.svelte), never as a string.
 *
 * An answer is rendered one top-level Markdown block at a time (each parsed and sanitized on its
 * own, so no block's markup can reach into another), which is what lets a streamed answer render
 * only its changing tail (incremental-markdown.ts) and still end identical to `renderAnswer`.
 */
import DOMPurify from 'dompurify';
import { Marked, Tokenizer, type Token, type TokensList } from 'marked';
import { splitCitations, type Citable } from '../core/cite';
import { ENGLISH_WORDS, type Words } from '../i18n/translate';
import { deletedLabelIn } from './source-label';

export type { Citable } from '../core/cite';

const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'b', 'i', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del', 'sup', 'sub'];
const PURIFY = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['href', 'title'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  RETURN_DOM_FRAGMENT: true as const,
};

/**
 * Tags whose content the HTML parser takes as raw text up to their closing tag (or, for
 * <plaintext>, to the end), and comments: unclosed in model output, they would swallow the rest of
 * the answer before the sanitizer even saw it. Their "<" is replaced before parsing by a stand-in
 * of the same length (so offsets into the text stay valid) that becomes "&lt;" in the output: the
 * tag shows as the text the model wrote.
 */
const RAW_TEXT_OPEN = /<(?=\/?(?:script|style|iframe|textarea|title|xmp|noembed|noscript|noframes|plaintext)(?![\w-])|!--)/gi;
const LT_STAND_IN = '\uE000';
const LT_STAND_IN_ALL = /\uE000/g;

const markdown = new Marked(
  { gfm: true, breaks: true },
  {
    tokenizer: {
      // A bare URL ends where a "<" would have ended it (GFM), stand-in or not, and does not take
      // the quote and bracket after it (`src="https://…">` written out as text).
      url(src) {
        const cut = src.indexOf(LT_STAND_IN);
        const token = Tokenizer.prototype.url.call(this, cut < 0 ? src : src.slice(0, cut));
        if (!token) return token;
        const end = token.raw.replace(/["'>]+$/, '').length;
        return end < token.raw.length && end > 0 ? Tokenizer.prototype.url.call(this, src.slice(0, end)) : token;
      },
    },
  },
);

/** The Markdown source as it is lexed: newlines normalized (as marked does), raw-text tags defused. */
export function prepareMarkdown(text: string): string {
  const normalized = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return normalized.replace(RAW_TEXT_OPEN, LT_STAND_IN);
}

/** Top-level Markdown blocks of an already prepared source; their `raw` texts add up to it. */
export function lexBlocks(prepared: string): TokensList {
  return markdown.lexer(prepared);
}

/** Citable numbers whose passage is gone (its document deleted): none. */
export const NONE_GONE: ReadonlySet<number> = new Set();

/** The words of the citation marks' titles when none are given. */
const ENGLISH = ENGLISH_WORDS;

/** One top-level block as sanitized HTML with its citation buttons (`gone`: marks instead). */
export function renderBlock(token: Token, citable: Citable, gone: ReadonlySet<number> = NONE_GONE, w: Words = ENGLISH): string {
  if (token.type === 'space') return '';
  const html = markdown.parser([token]);
  const fragment = DOMPurify.sanitize(html, PURIFY);
  for (const link of fragment.querySelectorAll('a')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer nofollow');
  }
  linkCitations(fragment, citable, gone, w);
  const holder = document.createElement('div');
  holder.append(fragment);
  return holder.innerHTML.replace(LT_STAND_IN_ALL, '&lt;');
}

/** The whole answer, block by block (what a streamed answer's blocks add up to). */
export function renderAnswerBlocks(text: string, citable: Citable, gone: ReadonlySet<number> = NONE_GONE, w: Words = ENGLISH): string[] {
  return lexBlocks(prepareMarkdown(text)).map((token) => renderBlock(token, citable, gone, w)).filter(Boolean);
}

/**
 * The answer as sanitized HTML; `citable`: the numbers of the passages the model was given (or how
 * many); `gone`: those of them whose document was deleted.
 */
export function renderAnswer(text: string, citable: Citable, gone: ReadonlySet<number> = NONE_GONE, w: Words = ENGLISH): string {
  return renderAnswerBlocks(text, citable, gone, w).join('');
}

function citeButton(n: number, w: Words): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'cite';
  button.dataset.cite = String(n);
  button.title = w.t('chat.openPassage', { n });
  button.textContent = String(n);
  return button;
}

/** A citation of a deleted document's passage: there is nothing to open, so it is no button. */
function deletedCite(n: number, w: Words): HTMLSpanElement {
  const mark = document.createElement('span');
  mark.className = 'cite deleted';
  mark.dataset.cite = String(n);
  mark.title = deletedLabelIn(w, n);
  mark.textContent = String(n);
  const spoken = document.createElement('span');
  spoken.className = 'sr-only';
  spoken.textContent = ` (${w.t('chat.source.deleted')})`;
  mark.append(spoken);
  return mark;
}

const MAYBE_CITE = /\[\s*\d/;

function linkCitations(root: DocumentFragment, citable: Citable, gone: ReadonlySet<number>, w: Words): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode as Text);
  for (const node of texts) {
    if (!MAYBE_CITE.test(node.data) || node.parentElement?.closest('code, pre, a')) continue;
    const parts = splitCitations(node.data, citable);
    if (!parts.some((p) => p.kind === 'cite')) continue;
    const replacement = document.createDocumentFragment();
    for (const part of parts) replacement.append(part.kind === 'text' ? part.text : gone.has(part.n) ? deletedCite(part.n, w) : citeButton(part.n, w));
    node.replaceWith(replacement);
  }
}

/**
 * Markdown from a stored document (the passage view: passage-html.ts) as a sanitized fragment:
 * the same parser options and DOMPurify configuration as answers, without citation buttons.
 */
export function sanitizeMarkdown(text: string): DocumentFragment {
  const fragment = DOMPurify.sanitize(markdown.parse(prepareMarkdown(text), { async: false }), PURIFY);
  for (const link of fragment.querySelectorAll('a')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer nofollow');
  }
  const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode as Text;
    if (node.data.includes(LT_STAND_IN)) node.data = node.data.replace(LT_STAND_IN_ALL, '<');
  }
  return fragment;
}

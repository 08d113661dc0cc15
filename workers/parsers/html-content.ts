/**
 * A web page's main content: first everything that is not content is removed (scripts, styles,
 * forms' controls, navigation, page-level header/footer, asides, hidden elements, and cookie /
 * consent / newsletter / share / advert boxes recognised by whole words of their class or id), then
 * <main> (or role=main), a single dominant <article>, or else the container that a light
 * readability-style score (paragraph text, commas, link density) ranks first.
 */
import type { AnyNode, Element } from 'domhandler';
import { BLOCK, isElement } from './html-blocks';

const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'canvas',
  'audio', 'video', 'map', 'nav', 'aside', 'dialog', 'button', 'input', 'select', 'textarea', 'option', 'optgroup',
  'datalist', 'output', 'meter', 'progress', 'head', 'link', 'meta', 'base', 'img', 'picture', 'source', 'track',
]);
const DROP_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar', 'toolbar']);
/** Elements whose own <header>/<footer> belong to the content. */
const CONTENT_TAGS = new Set(['article', 'main', 'section', 'blockquote', 'figure', 'td']);
/** Class/id tokens dropped as a whole (reference-work furniture: edit links, navboxes, [1] markers). */
const EXACT = new Set([
  'mw-editsection', 'mw-jump-link', 'navbox', 'vertical-navbox', 'navbox-styles', 'reference', 'mw-cite-backlink', 'toc',
  'catlinks', 'mw-hidden-catlinks', 'printfooter', 'noprint', 'mw-indicators', 'sistersitebox', 'skip-link', 'skiplink',
]);
/** Words (of a class or id split at -, _ and camelCase) that mark a box as not content. */
const STRONG = new Set(['cookie', 'cookies', 'consent', 'gdpr', 'newsletter', 'advert', 'advertisement', 'advertising', 'ad', 'ads', 'adsense', 'sponsored', 'popup', 'modal', 'paywall']);
/** Weaker words: only short or link-heavy boxes are dropped for them. */
const WEAK = new Set(['share', 'sharing', 'social', 'banner', 'breadcrumb', 'breadcrumbs', 'sidebar', 'navbar', 'subscribe', 'promo', 'skip']);
/** A class that also says this (e.g. "ad-free content") is kept. */
const CONTENT_WORDS = new Set(['content', 'article', 'main', 'post', 'entry', 'story', 'body', 'text']);

function words(el: Element): { tokens: string[]; words: string[] } {
  const tokens = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.split(/\s+/).filter(Boolean);
  const all = tokens.flatMap((t) => t.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/)).filter(Boolean);
  return { tokens: tokens.map((t) => t.toLowerCase()), words: all };
}

/** Visit the elements below `root` in document order; returning false skips an element's subtree. */
function descendants(root: Element, visit: (el: Element) => boolean | void): void {
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isElement(node) || visit(node) === false) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
  }
}

function textLength(el: Element): { text: number; links: number } {
  let text = 0;
  let links = 0;
  const stack: [AnyNode, boolean][] = [[el, false]];
  while (stack.length > 0) {
    const [node, inLink] = stack.pop() as [AnyNode, boolean];
    if (node.type === 'text') {
      const n = node.data.replace(/\s+/g, ' ').trim().length;
      text += n;
      if (inLink) links += n;
    } else if (isElement(node) && !DROP_TAGS.has(node.name)) {
      for (const c of node.children) stack.push([c, inLink || node.name === 'a']);
    }
  }
  return { text, links };
}

type Measure = (el: Element) => { text: number; links: number };

/** Text and link-text lengths of every element below `root`, in one pass (the tree must not change after). */
function measureAll(root: Element): Measure {
  const order: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop() as Element;
    order.push(el);
    for (const c of el.children) if (isElement(c) && !DROP_TAGS.has(c.name)) stack.push(c);
  }
  const sizes = new Map<Element, { text: number; links: number }>();
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i] as Element;
    let text = 0;
    let links = 0;
    for (const c of el.children) {
      if (c.type === 'text') text += c.data.replace(/\s+/g, ' ').trim().length;
      const sub = isElement(c) ? sizes.get(c) : undefined;
      if (sub) (text += sub.text), (links += sub.links);
    }
    sizes.set(el, { text, links: el.name === 'a' ? text : links });
  }
  return (el) => sizes.get(el) ?? textLength(el);
}

function isProtected(el: Element): boolean {
  if (['html', 'body', 'main', 'article'].includes(el.name)) return true;
  const role = el.attribs.role;
  if (role === 'main' || role === 'article') return true;
  let found = false;
  descendants(el, (d) => {
    if (found) return false;
    if (d.name === 'h1' || d.name === 'main' || d.name === 'article' || d.attribs.role === 'main') found = true;
  });
  return found;
}

function isHidden(el: Element): boolean {
  if ('hidden' in el.attribs && el.attribs.hidden !== 'until-found') return true;
  if (el.attribs['aria-hidden']?.toLowerCase() === 'true') return true;
  if (el.name === 'input' && el.attribs.type === 'hidden') return true;
  return /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(el.attribs.style ?? '');
}

function isJunkBox(el: Element): boolean {
  const { tokens, words: ws } = words(el);
  if (tokens.length === 0) return false;
  const exact = tokens.some((t) => EXACT.has(t));
  const strong = ws.some((w) => STRONG.has(w) || w.startsWith('cookie'));
  const weak = ws.some((w) => WEAK.has(w));
  if (!exact && !strong && !weak) return false;
  if (isProtected(el)) return false;
  if (exact) return true;
  if (ws.some((w) => CONTENT_WORDS.has(w))) return false;
  if (strong) return true;
  const { text, links } = textLength(el);
  return text < 600 || links > text * 0.5;
}

function isJunk(el: Element, inContent: boolean): boolean {
  if (DROP_TAGS.has(el.name)) return true;
  if ((el.name === 'header' || el.name === 'footer') && !inContent) return true;
  if (DROP_ROLES.has(el.attribs.role?.toLowerCase() ?? '')) return true;
  return isHidden(el) || isJunkBox(el);
}

/** Remove every non-content element below `root`, in place. Comments and directives go too. */
export function removeJunk(root: AnyNode): void {
  const stack: [AnyNode, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [node, inContent] = stack.pop() as [AnyNode, boolean];
    if (!('children' in node)) continue;
    const kept: AnyNode[] = [];
    for (const child of node.children) {
      if (child.type === 'comment' || child.type === 'directive') continue;
      if (isElement(child) && isJunk(child, inContent)) continue;
      kept.push(child);
    }
    for (let i = 0; i < kept.length; i++) {
      const child = kept[i] as AnyNode;
      child.prev = kept[i - 1] ?? null;
      child.next = kept[i + 1] ?? null;
    }
    node.children = kept as typeof node.children;
    for (const child of kept) {
      if (isElement(child)) stack.push([child, inContent || CONTENT_TAGS.has(child.name) || child.attribs.role === 'main' || child.attribs.role === 'article']);
    }
  }
}

function outermost(root: Element, test: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  descendants(root, (el) => {
    if (!test(el)) return;
    found.push(el);
    return false;
  });
  return found;
}

/** Paragraph-like elements a score is built from: p, pre, td, and divs with no block children. */
function isParagraphLike(el: Element): boolean {
  if (el.name === 'p' || el.name === 'pre' || el.name === 'td' || el.name === 'blockquote') return true;
  return el.name === 'div' && !el.children.some((c) => isElement(c) && BLOCK.has(c.name));
}

/** The readability-style pick: paragraphs credit their parent fully and grandparent by half. */
function scoreContent(body: Element, size: Measure): Element[] {
  const scores = new Map<Element, number>();
  descendants(body, (el) => {
    if (!isParagraphLike(el)) return;
    const { text } = size(el);
    if (text < 25) return;
    const own = el.children.map((c) => (c.type === 'text' ? c.data : '')).join('');
    const score = 1 + (own.match(/[,،、，]/g)?.length ?? 0) + Math.min(3, Math.floor(text / 100));
    const parent = el.parent && isElement(el.parent) ? el.parent : null;
    const grand = parent?.parent && isElement(parent.parent) ? parent.parent : null;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + score);
    if (grand) scores.set(grand, (scores.get(grand) ?? 0) + score / 2);
  });
  let best: Element | null = null;
  let bestScore = 0;
  const final = new Map<Element, number>();
  for (const [el, score] of scores) {
    const { text, links } = size(el);
    const s = score * (1 - (text ? links / text : 0));
    final.set(el, s);
    if (s > bestScore) (best = el), (bestScore = s);
  }
  if (!best) return [body];
  // Content spread over many small containers (a page of short sections): climb until the
  // container holds a real share of the page's prose.
  const prose = (el: Element) => {
    const { text, links } = size(el);
    return text - links;
  };
  const total = prose(body);
  while (best !== body && best.parent && isElement(best.parent) && prose(best) < total * 0.25) best = best.parent;
  // Siblings that score well (a split article) come along, in document order.
  const top = best;
  const parent = top.parent;
  if (!parent || !('children' in parent)) return [top];
  const threshold = Math.max(10, (final.get(top) ?? bestScore) * 0.2);
  return parent.children.filter((c): c is Element => isElement(c) && (c === top || (final.get(c) ?? 0) >= threshold));
}

export interface Content {
  roots: Element[];
  /** `score` when no <main> or dominant <article> said where the content is. */
  how: 'main' | 'article' | 'score';
}

/** The elements holding the page's main content (cleaned by removeJunk first). */
export function pickContent(body: Element): Content {
  const size = measureAll(body);
  const total = size(body).text;
  const mains = outermost(body, (el) => el.name === 'main' || el.attribs.role === 'main').map((el) => ({ el, n: size(el).text }));
  mains.sort((a, b) => b.n - a.n);
  const main = mains[0];
  if (main && (main.n >= 200 || main.n >= total * 0.25)) return { roots: [main.el], how: 'main' };
  const articles = outermost(body, (el) => el.name === 'article' || el.attribs.role === 'article').map((el) => ({ el, n: size(el).text }));
  articles.sort((a, b) => b.n - a.n);
  const [first, second] = articles;
  const articleText = articles.reduce((n, a) => n + a.n, 0);
  if (first && first.n >= total * 0.25 && (!second || (first.n >= second.n * 2 && first.n >= articleText * 0.5))) return { roots: [first.el], how: 'article' };
  return { roots: scoreContent(body, size), how: 'score' };
}

/** True when `node` is `ancestor` or sits inside it. */
export function contains(ancestor: AnyNode, node: AnyNode): boolean {
  for (let n: AnyNode | null = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

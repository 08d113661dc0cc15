/**
 * A cited passage in its surrounding text, rendered as the document shows it: blocks (from the
 * worker's `passageText`) become Markdown — headings, lists, tables, code, paragraphs with their
 * line breaks — which is rendered and sanitized exactly as answers are (answer-html.ts), then the
 * passage is wrapped in <mark> elements.
 *
 * A Markdown document's blocks are its own Markdown (inline emphasis, links, code as written); the
 * text of every other format is literal, so its Markdown punctuation is escaped. The passage's two
 * ends travel through Markdown and sanitizing as private-use characters, and become the marks.
 */
import type { FormatId } from '../ingest/formats';
import type { PassageBlock } from '../../../workers/retrieval.protocol';
import { sanitizeMarkdown } from './answer-html';

export interface PassageSource {
  /** The document text from `from` on: before + passage + after. */
  text: string;
  from: number;
  /** The passage, in document offsets. */
  start: number;
  end: number;
  blocks: readonly PassageBlock[];
  format: FormatId | null;
}

/** Stand-ins for the passage's ends (answer-html.ts uses U+E000 for its own). */
export const OPEN = '\uE001';
export const CLOSE = '\uE002';
const MARKERS = /[\uE001\uE002]/g;

/** Any ASCII punctuation may be backslash-escaped in CommonMark: the text then shows as written. */
function escapeMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

const LIST_MARKER = /^((?:[-•*]|\d{1,9}[.)]) )/;

function blockMarkdown(kind: PassageBlock['kind'], level: number | undefined, body: string, literal: boolean): string {
  const inline = (s: string) => (literal ? escapeMarkdown(s) : s);
  switch (kind) {
    case 'heading':
      // Level 1 is an <h3>: the panel's own title is the <h2>.
      return `${'#'.repeat(Math.min(6, (level ?? 1) + 2))} ${inline(body.replace(/\s*\n\s*/g, ' '))}`;
    case 'code': {
      const fence = fenceFor(body);
      return `${fence}\n${body}\n${fence}`;
    }
    case 'list':
      return body
        .split('\n')
        .map((line) => {
          // The passage's start (or a cut) may come before the item's marker.
          const lead = /^[\uE001\uE002…]*/.exec(line)?.[0] ?? '';
          const rest = line.slice(lead.length);
          const marker = LIST_MARKER.exec(rest)?.[1];
          const bullet = marker ? (/^\d/.test(marker) ? marker.replace(')', '.') : '- ') : '- ';
          return bullet + lead + inline(marker ? rest.slice(marker.length) : rest);
        })
        .join('\n');
    case 'table': {
      const rows = body.split('\n').map((line) => line.split(' | ').map((cell) => inline(cell).replace(/\|/g, '\\|')));
      const width = Math.max(...rows.map((r) => r.length));
      const row = (cells: string[]) => `| ${[...cells, ...Array<string>(width - cells.length).fill('')].join(' | ')} |`;
      const [head = [], ...rest] = rows;
      return [row(head), row(Array<string>(width).fill('---')), ...rest.map(row)].join('\n');
    }
    default:
      return inline(body);
  }
}

/** The Markdown of the text around a passage, its ends marked with OPEN and CLOSE. */
export function passageMarkdown(src: PassageSource): string {
  const text = src.text.replace(MARKERS, '\uFFFD');
  const to = src.from + text.length;
  const literal = src.format !== 'markdown';
  const blocks = (src.blocks.length ? [...src.blocks] : [{ kind: 'paragraph' as const, start: src.from, end: to }])
    .filter((b) => b.end > src.from && b.start < to)
    .sort((a, b) => a.start - b.start);
  const out: string[] = [];
  let opened = false;
  let closed = false;
  blocks.forEach((b, i) => {
    const start = Math.max(b.start, src.from);
    const end = Math.min(b.end, to);
    const overlaps = src.start < end && src.end > start;
    const openAt = !opened && overlaps ? Math.max(src.start, start) : -1;
    const isLastOverlap = overlaps && !blocks.slice(i + 1).some((n) => src.start < Math.min(n.end, to) && src.end > Math.max(n.start, src.from));
    const closeAt = !closed && isLastOverlap ? Math.min(src.end, end) : -1;
    let body = '';
    for (let at = start; at <= end; at++) {
      if (at === openAt) body += OPEN;
      if (at === closeAt) body += CLOSE;
      if (at < end) body += text[at - src.from];
    }
    if (openAt >= 0) opened = true;
    if (closeAt >= 0) closed = true;
    if (b.kind !== 'code') body = body.replace(/^\s+|\s+$/g, '');
    if (i === 0 && b.start < src.from) body = `…${body}`;
    if (i === blocks.length - 1 && b.end > to) body = `${body}…`;
    if (body) out.push(blockMarkdown(b.kind, b.level, body, literal));
  });
  return out.join('\n\n');
}

/** Elements a <mark> may not sit in directly: only their children can hold the passage's text. */
const FLOW_ONLY = new Set(['UL', 'OL', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'BLOCKQUOTE', 'DIV']);
/** Elements that may be wrapped in a <mark> (phrasing content). */
const PHRASING = new Set(['STRONG', 'EM', 'B', 'I', 'CODE', 'A', 'DEL', 'SUP', 'SUB', 'BR', 'SPAN', 'MARK']);

type Status = 'in' | 'out' | 'mixed' | 'neutral';

function isPhrasing(node: Node): boolean {
  return node.nodeType === Node.TEXT_NODE || (node.nodeType === Node.ELEMENT_NODE && PHRASING.has((node as Element).tagName));
}

/** Split text nodes at the passage's ends (dropping the markers); returns the text nodes inside it. */
function splitAtMarkers(root: Node): Set<Text> {
  const inside = new Set<Text>();
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode as Text);
  let open = false;
  for (const node of texts) {
    if (!/[\uE001\uE002]/.test(node.data)) {
      if (open) inside.add(node);
      continue;
    }
    const pieces: Text[] = [];
    for (const part of node.data.split(/([\uE001\uE002])/)) {
      if (part === OPEN) open = true;
      else if (part === CLOSE) open = false;
      else if (part) {
        const piece = root.ownerDocument!.createTextNode(part);
        if (open) inside.add(piece);
        pieces.push(piece);
      }
    }
    node.replaceWith(...pieces);
  }
  return inside;
}

function statusOf(node: Node, inside: Set<Text>, memo: Map<Node, Status>): Status {
  const known = memo.get(node);
  if (known) return known;
  let status: Status;
  if (node.nodeType === Node.TEXT_NODE) {
    status = inside.has(node as Text) ? 'in' : (node as Text).data.trim() ? 'out' : 'neutral';
  } else {
    const kids = [...node.childNodes].map((c) => statusOf(c, inside, memo));
    const hasIn = kids.some((s) => s === 'in' || s === 'mixed');
    const hasOut = kids.some((s) => s === 'out' || s === 'mixed');
    status = hasIn && hasOut ? 'mixed' : hasIn ? 'in' : hasOut ? 'out' : 'neutral';
  }
  memo.set(node, status);
  return status;
}

function wrapRuns(parent: Node, inside: Set<Text>, memo: Map<Node, Status>, marks: HTMLElement[]): void {
  const doc = parent.ownerDocument ?? (parent as Document);
  const kids = [...parent.childNodes];
  const canHoldMark = parent.nodeType === Node.ELEMENT_NODE && !FLOW_ONLY.has((parent as Element).tagName);
  let run: Node[] = [];
  const flush = () => {
    while (run.length && statusOf(run[run.length - 1] as Node, inside, memo) === 'neutral') run.pop();
    while (run.length && statusOf(run[0] as Node, inside, memo) === 'neutral') run.shift();
    if (run.length) {
      const mark = doc.createElement('mark');
      mark.className = 'cited';
      (run[0] as ChildNode).before(mark);
      mark.append(...run);
      marks.push(mark);
    }
    run = [];
  };
  for (const kid of kids) {
    const status = statusOf(kid, inside, memo);
    if (canHoldMark && isPhrasing(kid) && (status === 'in' || (status === 'neutral' && run.length))) {
      run.push(kid);
      continue;
    }
    flush();
    if (status === 'in' || status === 'mixed') wrapRuns(kid, inside, memo, marks);
  }
  flush();
}

/** Wrap the text between the markers in <mark class="cited"> elements (one per block it spans). */
export function markPassage(root: DocumentFragment | Element): HTMLElement[] {
  const inside = splitAtMarkers(root);
  const marks: HTMLElement[] = [];
  wrapRuns(root, inside, new Map(), marks);
  marks[0]?.setAttribute('data-testid', 'cited-passage');
  return marks;
}

/** The passage in its surroundings as sanitized DOM, ready to be put in the panel. */
export function renderPassage(src: PassageSource): DocumentFragment {
  const fragment = sanitizeMarkdown(passageMarkdown(src));
  markPassage(fragment);
  return fragment;
}

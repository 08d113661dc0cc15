/**
 * HTML elements (an htmlparser2 DOM) → DocumentBuilder blocks: h1–h6 as headings, paragraphs
 * (also bare text between blocks), ul/ol as one list with nested items flattened to lines,
 * tables as rows of cells, pre as code. Shared by the web page parser and the Word parser
 * (mammoth's HTML). It only reads the tree: what to leave out is decided before it runs.
 */
import type { AnyNode, Element } from 'domhandler';
import { appError } from '../../src/lib/errors';
import type { DocumentBuilder } from '../../src/lib/ingest/builder';

export interface BlockWalkOptions {
  /** Web pages: a table holding headings, paragraphs or tables is layout, walked as containers. */
  layoutTables?: boolean;
  signal?: AbortSignal;
}

/** Never text, whatever the caller kept. */
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'meta', 'link', 'svg', 'math', 'iframe', 'object', 'embed', 'img', 'picture', 'video', 'audio', 'canvas']);

export const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main',
  'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  'caption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
]);

const HEADING = /^h([1-6])$/;
/** Deeper than this, content is read as flat text (no call stack blows on a pathological page). */
const MAX_DEPTH = 400;

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function textData(node: AnyNode): string | null {
  return node.type === 'text' ? node.data : null;
}

/**
 * The text of a node, whitespace collapsed; block boundaries and <br> become line ends.
 * `skipLists` leaves nested ul/ol out (list items read those separately). Iterative: any depth.
 */
export function textOf(root: AnyNode, skipLists = false): string {
  let out = '';
  const stack: (AnyNode | string)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode | string;
    if (typeof node === 'string') {
      out += node;
      continue;
    }
    const data = textData(node);
    if (data !== null) {
      out += data.replace(/\s+/g, ' ');
      continue;
    }
    if (node.type === 'root' || node.type === 'cdata') {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
      continue;
    }
    if (!isElement(node) || (node !== root && SKIP.has(node.name))) continue;
    if (node.name === 'br') {
      out += '\n';
      continue;
    }
    if (node !== root && skipLists && (node.name === 'ul' || node.name === 'ol')) continue;
    const block = BLOCK.has(node.name);
    if (block) stack.push('\n');
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
    if (block) stack.push('\n');
  }
  return out;
}

/** Preformatted text: whitespace kept, <br> as a line end. */
function preText(root: Element): string {
  let out = '';
  const visit = (node: AnyNode, depth: number): void => {
    const data = textData(node);
    if (data !== null) out += data;
    else if (isElement(node) && !SKIP.has(node.name)) {
      if (node.name === 'br') out += '\n';
      else if (depth > MAX_DEPTH) out += textOf(node);
      else for (const child of node.children) visit(child, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

function listItems(list: Element, out: string[]): void {
  for (const child of list.children) {
    if (!isElement(child)) {
      const data = textData(child);
      if (data?.trim()) out.push(data);
      continue;
    }
    if (child.name === 'ul' || child.name === 'ol') {
      listItems(child, out);
      continue;
    }
    out.push(textOf(child, true));
    // Nested lists anywhere inside the item follow it as lines of their own.
    const nested: Element[] = [];
    const find = (node: Element, depth: number) => {
      for (const c of node.children) {
        if (!isElement(c) || SKIP.has(c.name)) continue;
        if (c.name === 'ul' || c.name === 'ol') nested.push(c);
        else if (depth < MAX_DEPTH) find(c, depth + 1);
      }
    };
    find(child, 0);
    for (const n of nested) listItems(n, out);
  }
}

function tableRows(table: Element): { rows: string[][]; caption: string } {
  const rows: string[][] = [];
  let caption = '';
  const visit = (node: Element) => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.name === 'caption') caption += textOf(child);
      else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') visit(child);
      else if (child.name === 'tr') rows.push(child.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th')).map((c) => textOf(c)));
    }
  };
  visit(table);
  return { rows, caption };
}

function isLayoutTable(table: Element): boolean {
  const role = table.attribs.role?.toLowerCase();
  if (role === 'presentation' || role === 'none') return true;
  let layout = false;
  const visit = (node: Element, depth: number) => {
    for (const c of node.children) {
      if (layout || !isElement(c)) continue;
      if (HEADING.test(c.name) || c.name === 'table' || c.name === 'article' || c.name === 'section') layout = true;
      else if (depth < MAX_DEPTH) visit(c, depth + 1);
    }
  };
  visit(table, 0);
  return layout;
}

class Walker {
  #inline = '';
  #seen = 0;
  constructor(
    readonly out: DocumentBuilder,
    readonly options: BlockWalkOptions,
  ) {}

  flush(): void {
    if (this.#inline.trim()) this.out.paragraph(this.#inline);
    this.#inline = '';
  }

  walk(node: AnyNode, depth: number): void {
    const data = textData(node);
    if (data !== null) {
      this.#inline += data.replace(/\s+/g, ' ');
      return;
    }
    if (node.type === 'root' || node.type === 'cdata') {
      for (const child of node.children) this.walk(child, depth + 1);
      return;
    }
    if (!isElement(node) || SKIP.has(node.name)) return;
    if (++this.#seen % 512 === 0 && this.options.signal?.aborted) throw appError('ABORTED');
    const name = node.name;
    const heading = HEADING.exec(name);
    if (heading) {
      this.flush();
      this.out.heading(textOf(node), Number(heading[1]));
    } else if (name === 'br') {
      this.#inline += '\n';
    } else if (name === 'ul' || name === 'ol') {
      this.flush();
      const items: string[] = [];
      listItems(node, items);
      this.out.list(items, undefined, name === 'ol');
    } else if (name === 'table' && !(this.options.layoutTables && isLayoutTable(node))) {
      this.flush();
      const { rows, caption } = tableRows(node);
      if (caption.trim()) this.out.paragraph(caption);
      this.out.table(rows);
    } else if (name === 'pre') {
      this.flush();
      this.out.code(preText(node));
    } else if (depth > MAX_DEPTH) {
      this.#inline += ` ${textOf(node)} `;
    } else {
      const block = BLOCK.has(name);
      if (block) this.flush();
      for (const child of node.children) this.walk(child, depth + 1);
      if (block) this.flush();
    }
  }
}

/** Add the blocks of these nodes, in order, to `out`. */
export function addHtmlBlocks(out: DocumentBuilder, nodes: readonly AnyNode[], options: BlockWalkOptions = {}): void {
  const walker = new Walker(out, options);
  for (const node of nodes) walker.walk(node, 0);
  walker.flush();
}

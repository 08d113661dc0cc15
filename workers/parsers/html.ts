/**
 * Saved web pages (.html, .htm, .xhtml). Bytes are decoded in the page's own charset (BOM, else
 * <meta charset> / http-equiv / <?xml encoding?> in the first 2 KB, else UTF-8 when valid, else
 * Windows-1252), parsed with htmlparser2 (no DOM, no script ever runs: workers have no DOMParser,
 * and event handlers are attributes, never text), cleaned down to the main content, and walked
 * into blocks.
 */
import { parseDocument } from 'htmlparser2';
import { decodeWindows1252 } from '../../src/lib/ingest/decode';
import type { AnyNode, Element } from 'domhandler';
import { AppError, appError } from '../../src/lib/errors';
import { DocumentBuilder } from '../../src/lib/ingest/builder';
import type { ParseContext, ParsedDocument, Parser } from '../../src/lib/ingest/parsed';
import { addHtmlBlocks, isElement, textOf } from './html-blocks';
import { contains, pickContent, removeJunk } from './html-content';

export interface DecodedHtml {
  text: string;
  /** The WHATWG name of the encoding used ('utf-8', 'windows-1252', 'shift_jis'…). */
  encoding: string;
  /** How it was chosen: a guess (`fallback`) means no declaration and not valid UTF-8. */
  source: 'bom' | 'declared' | 'utf-8' | 'fallback';
}

/** The WHATWG encoding for a label, or null when TextDecoder does not know it. */
function encodingFor(label: string): string | null {
  try {
    const name = new TextDecoder(label.trim().toLowerCase()).encoding;
    // As browsers do: a page cannot declare itself UTF-16 in ASCII bytes; x-user-defined is Latin.
    if (name === 'utf-16le' || name === 'utf-16be') return 'utf-8';
    return name === 'x-user-defined' ? 'windows-1252' : name;
  } catch {
    return null;
  }
}

function declaredCharset(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 2048)).replace(/<!--[\s\S]*?-->/g, '');
  const xmlDecl = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const label = /\bcharset\s*=\s*["']?\s*([^\s"';>/]+)/i.exec(meta)?.[1];
    const name = label && encodingFor(label);
    if (name) return name;
  }
  return (xmlDecl?.[1] && encodingFor(xmlDecl[1])) || null;
}

/** Windows-1252 by hand: Node 20's TextDecoder reads its 0x80–0x9F as Latin-1 C1 controls. */
function decode(encoding: string, bytes: Uint8Array): string {
  return encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes);
}

export function decodeHtml(bytes: Uint8Array): DecodedHtml {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', source: 'bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le', source: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be', source: 'bom' };
  const declared = declaredCharset(bytes);
  if (declared) return { text: decode(declared, bytes), encoding: declared, source: 'declared' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', source: 'utf-8' };
  } catch {
    return { text: decode('windows-1252', bytes), encoding: 'windows-1252', source: 'fallback' };
  }
}

/** The first `name` element in document order, not looking inside svg/math (which have their own <title>). */
function findFirst(root: AnyNode, name: string): Element | undefined {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (isElement(node) && node.name === name) return node;
    if (isElement(node) && (node.name === 'svg' || node.name === 'math')) continue;
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
  }
  return undefined;
}

const oneLine = (node: AnyNode | undefined) => (node ? DocumentBuilder.clean(textOf(node)).replace(/\n+/g, ' ') : '');

function checkAbort(ctx: ParseContext): void {
  if (ctx.signal.aborted) throw appError('ABORTED', { detail: ctx.name });
}

async function parse(bytes: Uint8Array, ctx: ParseContext): Promise<ParsedDocument> {
  const name = ctx.name;
  if (bytes.byteLength === 0) throw appError('EMPTY_FILE', { message: `“${name}” is empty. Choose a saved web page that contains text.`, detail: name });
  checkAbort(ctx);
  ctx.onProgress(0, 3, 'part');
  const decoded = decodeHtml(bytes);
  ctx.onProgress(1, 3, 'part');
  checkAbort(ctx);

  const out = new DocumentBuilder();
  try {
    const xhtml = /\.xhtml$/i.test(name);
    const dom = parseDocument(decoded.text, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: xhtml, recognizeCDATA: xhtml });
    const pageTitle = oneLine(findFirst(dom, 'title'));
    removeJunk(dom);
    const body = findFirst(dom, 'body') ?? dom;
    const content = isElement(body) ? pickContent(body) : { roots: [body], how: 'main' as const };
    const roots: AnyNode[] = content.roots;
    ctx.onProgress(2, 3, 'part');
    checkAbort(ctx);
    // A scored container often leaves out the page's h1 just before it: that h1 still titles it.
    const h1 = findFirst(body, 'h1');
    const firstRoot = roots[0];
    if (content.how === 'score' && h1 && firstRoot && !roots.some((r) => contains(r, h1)) && precedes(h1, firstRoot)) out.heading(textOf(h1), 1);
    addHtmlBlocks(out, roots, { layoutTables: true, signal: ctx.signal });
    if (out.blockCount === 0) {
      throw appError('NO_TEXT', {
        message: `“${name}” has no readable text. If the page builds itself with JavaScript, open it in a browser, wait until it has loaded, save it again (Save Page As, Web Page, Complete) and add that file.`,
        detail: name,
      });
    }
    const title = pageTitle || oneLine(h1) || undefined;
    if (decoded.source === 'fallback') {
      out.warn({ code: 'LEGACY_ENCODING', source: 'page', message: 'This page does not say which encoding it uses and is not UTF-8; Hearth read it as Windows-1252. Check that accented letters look right.' });
    }
    ctx.onProgress(3, 3, 'part');
    const mimeType = xhtml ? 'application/xhtml+xml' : 'text/html';
    return out.build({ format: 'html', mimeType, encoding: decoded.encoding, ...(title ? { title } : {}) });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw appError('FILE_DAMAGED', {
      message: `“${name}” could not be read as a web page (it may be damaged or nested too deeply). Open it in a browser, save it again and add that file.`,
      detail: `${name}: ${err instanceof Error ? err.message : String(err)}`,
      cause: err,
    });
  }
}

/** Does `a` come before `b` in document order? */
function precedes(a: AnyNode, b: AnyNode): boolean {
  const path = (n: AnyNode) => {
    const p: AnyNode[] = [];
    for (let x: AnyNode | null = n; x; x = x.parent) p.unshift(x);
    return p;
  };
  const pa = path(a);
  const pb = path(b);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  const parent = pa[i - 1];
  if (!parent || !('children' in parent) || i >= pa.length || i >= pb.length) return false;
  const siblings: readonly AnyNode[] = parent.children;
  return siblings.indexOf(pa[i] as AnyNode) < siblings.indexOf(pb[i] as AnyNode);
}

export const htmlParser: Parser = { format: 'html', parse };

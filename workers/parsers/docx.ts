/**
 * Word documents (.docx, .docm). The zip guard checks the archive and inflates its XML parts under
 * caps; mammoth then gets a stored (uncompressed) copy of only those verified parts, so nothing it
 * unpacks can be bigger than what was already checked. Mammoth's HTML becomes blocks through the
 * shared HTML walker. Macros are never run (mammoth ignores them; the person is told they exist).
 */
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import { zipSync, type Zippable } from 'fflate';
import mammoth from 'mammoth';
import { AppError, appError } from '../../src/lib/errors';
import { DocumentBuilder } from '../../src/lib/ingest/builder';
import type { ParseContext, ParsedDocument, Parser } from '../../src/lib/ingest/parsed';
import { addHtmlBlocks, isElement, textOf } from './html-blocks';
import { openZipGuarded } from './zip-guard';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DOCM_MIME = 'application/vnd.ms-word.document.macroEnabled.12';

/** Word's own Title style is the document's first heading; Subtitle stays a paragraph. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", 'p.Title => h1:fresh', "p[style-name='Subtitle'] => p:fresh"];

/** Only XML parts are inflated: pictures, fonts, embedded files and macros are never unpacked. */
const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);

function find(root: AnyNode, test: (el: Element) => boolean): Element | undefined {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (isElement(node) && test(node)) return node;
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
  }
  return undefined;
}

const xml = (bytes: Uint8Array | undefined) => (bytes ? parseDocument(new TextDecoder().decode(bytes), { xmlMode: true }) : undefined);

/** The main document part named by _rels/.rels (word/document.xml in practice). */
function mainPartName(rels: Uint8Array | undefined): string {
  const doc = xml(rels);
  const rel = doc && find(doc, (el) => /(^|:)Relationship$/.test(el.name) && /\/officeDocument$/.test(el.attribs.Type ?? ''));
  const target = rel?.attribs.Target?.replace(/^\//, '');
  return target || 'word/document.xml';
}

/** dc:title of docProps/core.xml. */
function coreTitle(core: Uint8Array | undefined): string | undefined {
  const doc = xml(core);
  const el = doc && find(doc, (e) => /(^|:)title$/.test(e.name));
  const title = el ? DocumentBuilder.clean(textOf(el)).replace(/\n+/g, ' ') : '';
  return title || undefined;
}

/** Mammoth ends each footnote/endnote with a "↑" link back to its marker: not text. */
function dropNoteBackLinks(root: AnyNode): void {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!('children' in node)) continue;
    node.children = node.children.filter((c) => !(isElement(c) && c.name === 'a' && /^#(footnote|endnote)-ref-/.test(c.attribs.href ?? '')));
    stack.push(...node.children);
  }
}

function checkAbort(ctx: ParseContext): void {
  if (ctx.signal.aborted) throw appError('ABORTED', { detail: ctx.name });
}

async function parse(bytes: Uint8Array, ctx: ParseContext): Promise<ParsedDocument> {
  const name = ctx.name;
  if (bytes.byteLength === 0) throw appError('EMPTY_FILE', { message: `“${name}” is empty. Choose a Word document that contains text.`, detail: name });
  checkAbort(ctx);
  ctx.onProgress(0, 3, 'part');
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw appError('FILE_DAMAGED', {
      message: `“${name}” is an old Word (.doc) file or a password-protected one, which Hearth cannot read. Open it in Word and save it as .docx without a password.`,
      detail: name,
    });
  }
  const zip = openZipGuarded(bytes, { name, include: isXmlPart, signal: ctx.signal });
  const names = zip.entries.map((e) => e.name);
  const main = mainPartName(zip.files.get('_rels/.rels'));
  if (!zip.files.has(main)) {
    throw appError('FILE_DAMAGED', {
      message: `“${name}” is a zip archive but not a Word document (it has no ${main}). Open it in Word, save it as .docx and add that.`,
      detail: name,
    });
  }
  ctx.onProgress(1, 3, 'part');
  checkAbort(ctx);

  // A stored copy of the verified parts; everything else is present but empty.
  const verified: Zippable = {};
  for (const entry of names) if (!entry.endsWith('/')) verified[entry] = [zip.files.get(entry) ?? new Uint8Array(0), { level: 0 }];
  const copy = zipSync(verified);
  const arrayBuffer = copy.buffer.slice(copy.byteOffset, copy.byteOffset + copy.byteLength);
  let html: string;
  try {
    // Browser builds (the `browser` field) read `arrayBuffer`; Node's build reads `buffer`. JSZip takes either.
    const input = { arrayBuffer, buffer: arrayBuffer } as unknown as { arrayBuffer: ArrayBuffer };
    const result = await mammoth.convertToHtml(input, {
      styleMap: STYLE_MAP,
      includeDefaultStyleMap: true,
      includeEmbeddedStyleMap: false,
      externalFileAccess: false,
      ignoreEmptyParagraphs: true,
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
    });
    html = result.value;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw appError('FILE_DAMAGED', {
      message: `“${name}” could not be read as a Word document; it may be damaged. Open it in Word, save a fresh copy and add that.`,
      detail: `${name}: ${err instanceof Error ? err.message : String(err)}`,
      cause: err,
    });
  }
  ctx.onProgress(2, 3, 'part');
  checkAbort(ctx);

  const out = new DocumentBuilder();
  const dom = parseDocument(html);
  dropNoteBackLinks(dom);
  addHtmlBlocks(out, dom.children, { signal: ctx.signal });
  if (out.blockCount === 0) {
    if (/<img\b/i.test(html)) {
      throw appError('NO_TEXT', {
        message: `“${name}” holds only pictures, no text Hearth can read. If they are scanned pages, run the document through text recognition (OCR) first.`,
        detail: name,
      });
    }
    throw appError('EMPTY_FILE', { message: `“${name}” has no text in it. Choose a Word document that contains text.`, detail: name });
  }
  const macros = names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n));
  if (macros) out.warn({ code: 'MACROS_IGNORED', message: 'This Word file contains macros; Hearth read its text and never runs macros.' });
  if (names.some((n) => /^word\/embeddings\/[^/]+$/i.test(n))) {
    out.warn({ code: 'CONTENT_SKIPPED', message: 'This Word file contains embedded objects (such as spreadsheets); Hearth read the document’s own text and skipped them.' });
  }
  const types = new TextDecoder().decode(zip.files.get('[Content_Types].xml') ?? new Uint8Array(0));
  const docm = macros || /macroEnabled/i.test(types) || /\.docm$/i.test(name);
  ctx.onProgress(3, 3, 'part');
  return out.build({ format: 'docx', mimeType: docm ? DOCM_MIME : DOCX_MIME, title: coreTitle(zip.files.get('docProps/core.xml')) });
}

export const docxParser: Parser = { format: 'docx', parse };

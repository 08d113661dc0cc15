import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/lib/errors';
import type { ParseContext, ParsedDocument } from '../../src/lib/ingest/parsed';
import { decodeHtml, htmlParser } from './html';

function context(name = 'page.html', signal = new AbortController().signal) {
  const progress: [number, number, string][] = [];
  const ctx: ParseContext = { name, signal, onProgress: (done, total, unit) => progress.push([done, total, unit]) };
  return { ctx, progress };
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const parse = (html: string | Uint8Array, name = 'page.html') => htmlParser.parse(typeof html === 'string' ? utf8(html) : html, context(name).ctx);
const headings = (doc: ParsedDocument) => doc.blocks.filter((b) => b.kind === 'heading').map((b) => [doc.text.slice(b.start, b.end), b.level, b.headingPath]);

async function failure(bytes: Uint8Array, name = 'bad.html', signal?: AbortSignal): Promise<AppError> {
  try {
    await htmlParser.parse(bytes, context(name, signal).ctx);
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected parse to fail');
}

const NOISY = `<!doctype html>
<html><head><title>Baking bread at home | The Crumb</title>
<style>.x { color: red } body::after { content: "STYLE TEXT" }</style>
<script>document.write("SCRIPT TEXT"); alert("SCRIPT ALERT")</script>
<script type="application/ld+json">{"headline": "JSON-LD TEXT"}</script>
</head>
<body onload="alert('BODY ONLOAD')">
<div id="cookie-banner" class="cookieConsent">We use cookies to improve your experience. <a href="#">Accept all</a></div>
<header class="site-header"><a href="/">The Crumb</a> <nav><a href="/a">Recipes</a> <a href="/b">About us</a></nav></header>
<nav aria-label="Breadcrumb"><ol><li>Home</li><li>Bread</li></ol></nav>
<main>
  <article class="header-image-post">
    <header><h1>Baking bread at home</h1><p class="byline">By Ada, 3 May</p></header>
    <img src=x onerror=alert(1)>
    <p onclick="alert('CLICK HANDLER')">Good bread needs only flour, water, salt and time.</p>
    <h2>Ingredients</h2>
    <ul><li>500 g flour</li><li>350 g water<ul><li>lukewarm, not hot</li></ul></li><li>10 g salt</li></ul>
    <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
    <h3>About the flour</h3>
    <p>Use a strong flour with <a href="/protein">plenty of protein</a>.</p>
    <h2>Method</h2>
    <ol><li>Mix everything.</li><li>Wait twelve hours.</li></ol>
    <pre><code>oven: 250 °C
  then: 220 °C</code></pre>
    <p hidden>HIDDEN ATTRIBUTE TEXT</p>
    <p style="color: grey; display:none">DISPLAY NONE TEXT</p>
    <span aria-hidden="true">ARIA HIDDEN TEXT</span>
    <form><label>Your comment</label> <input value="INPUT VALUE"><textarea>TEXTAREA TEXT</textarea><button>SUBMIT BUTTON</button></form>
    <noscript>NOSCRIPT TEXT</noscript><template><p>TEMPLATE TEXT</p></template>
    <svg><text>SVG TEXT</text></svg><iframe src="ad.html">IFRAME TEXT</iframe>
    <footer>Filed under Bread</footer>
  </article>
  <div class="newsletter-signup"><h3>Get our newsletter</h3><p>One email a week, with all our best recipes and tips for bakers.</p></div>
  <aside><h3>Popular posts</h3><p>ASIDE TEXT</p></aside>
  <div class="modal" role="dialog"><p>MODAL TEXT</p></div>
  <div class="ad-slot">ADVERT TEXT</div>
</main>
<footer class="site-footer"><p>© The Crumb. FOOTER TEXT</p></footer>
<script>console.log("LATE SCRIPT")</script>
</body></html>`;

describe('html parser: main content only', () => {
  it('keeps the article with its headings and levels, and nothing around it', async () => {
    const { ctx, progress } = context();
    const doc = await htmlParser.parse(utf8(NOISY), ctx);
    expect(doc.format).toBe('html');
    expect(doc.mimeType).toBe('text/html');
    expect(doc.encoding).toBe('utf-8');
    expect(doc.title).toBe('Baking bread at home | The Crumb');
    expect(headings(doc)).toEqual([
      ['Baking bread at home', 1, ['Baking bread at home']],
      ['Ingredients', 2, ['Baking bread at home', 'Ingredients']],
      ['About the flour', 3, ['Baking bread at home', 'Ingredients', 'About the flour']],
      ['Method', 2, ['Baking bread at home', 'Method']],
    ]);
    expect(doc.text).toContain('Good bread needs only flour, water, salt and time.');
    expect(doc.text).toContain('- 500 g flour\n- 350 g water\n- lukewarm, not hot\n- 10 g salt');
    expect(doc.text).toContain('1. Mix everything.\n2. Wait twelve hours.');
    expect(doc.text).toContain('Use a strong flour with plenty of protein.');
    expect(doc.text).toContain('By Ada, 3 May');
    expect(doc.text).toContain('Filed under Bread');
    const code = doc.blocks.find((b) => b.kind === 'code');
    expect(doc.text.slice(code?.start, code?.end)).toBe('oven: 250 °C\n  then: 220 °C');
    for (const junk of [
      'SCRIPT', 'STYLE TEXT', 'JSON-LD', 'alert', 'CLICK HANDLER', 'onerror', 'cookies', 'Accept all', 'Recipes', 'About us', 'Home',
      'Share on Facebook', 'Tweet', 'HIDDEN ATTRIBUTE', 'DISPLAY NONE', 'ARIA HIDDEN', 'INPUT VALUE', 'TEXTAREA', 'SUBMIT',
      'NOSCRIPT', 'TEMPLATE', 'SVG TEXT', 'IFRAME', 'newsletter', 'ASIDE TEXT', 'MODAL TEXT', 'ADVERT', 'FOOTER TEXT', 'The Crumb',
    ]) {
      expect(doc.text, junk).not.toContain(junk);
    }
    expect(progress[0]).toEqual([0, 3, 'part']);
    expect(progress[progress.length - 1]).toEqual([3, 3, 'part']);
  });

  it('keeps exact offsets: blocks tile the text with blank lines between', async () => {
    const doc = await parse(NOISY);
    let pos = 0;
    for (const b of doc.blocks) {
      expect(b.start).toBe(pos);
      pos = b.end + 2;
    }
    expect(doc.blocks[doc.blocks.length - 1]?.end).toBe(doc.text.length);
  });

  it('picks the content by scoring when there is no <main> or <article>', async () => {
    const para = (n: number) => `<p>This is paragraph ${n} of the story, with enough words, commas, and detail to count as real prose for a reader.</p>`;
    const links = Array.from({ length: 12 }, (_, i) => `<a href="/l${i}">Link number ${i} to another page</a>`).join(' | ');
    const html = `<html><head><title>Story</title></head><body>
      <div id="wrap">
        <div class="col-a"><div>${links}</div><p>${links}</p></div>
        <h1>The long story</h1>
        <div class="col-b"><h2>Chapter one</h2>${[1, 2, 3, 4, 5].map(para).join('')}</div>
        <div class="col-c"><p>Short note.</p></div>
      </div></body></html>`;
    const doc = await parse(html);
    expect(headings(doc)).toEqual([
      ['The long story', 1, ['The long story']],
      ['Chapter one', 2, ['The long story', 'Chapter one']],
    ]);
    expect(doc.text).toContain('This is paragraph 1 of the story');
    expect(doc.text).toContain('This is paragraph 5 of the story');
    expect(doc.text).not.toContain('Link number');
    expect(doc.text).not.toContain('Short note.');
  });

  it('reads a page of many short sections whole, not just the best-scoring one', async () => {
    const section = (i: number) => `<section><h2>Part ${i}</h2><div class="row"><div class="col"><p>Part ${i} says one thing, briefly, and well enough.</p></div></div></section>`;
    const doc = await parse(`<body><div class="wrap">${Array.from({ length: 8 }, (_, i) => section(i + 1)).join('')}</div></body>`);
    expect(headings(doc).map((h) => h[0])).toEqual(['Part 1', 'Part 2', 'Part 3', 'Part 4', 'Part 5', 'Part 6', 'Part 7', 'Part 8']);
    for (let i = 1; i <= 8; i++) expect(doc.text).toContain(`Part ${i} says one thing`);
  });

  it('takes a single dominant <article> and drops the teasers beside it', async () => {
    const long = 'The main article text goes on, and on, with plenty of sentences in it. '.repeat(10);
    const html = `<body><div><article><h2>Teaser A</h2><p>Short teaser.</p></article><article><h1>Main piece</h1><p>${long}</p></article><article><p>Other teaser.</p></article></div></body>`;
    const doc = await parse(html);
    expect(doc.title).toBe('Main piece');
    expect(doc.text).toContain('The main article text');
    expect(doc.text).not.toContain('teaser');
  });

  it('reads a Wikipedia-like page without edit links, reference marks, navboxes or the table of contents', async () => {
    const html = `<html><head><title>Hearth - Wikipedia</title></head><body>
      <a class="mw-jump-link" href="#content">Jump to content</a>
      <div id="content"><h1 id="firstHeading">Hearth</h1>
      <div id="bodyContent">
        <table class="infobox"><tbody><tr><th colspan="2">Hearth</th></tr><tr><th>Material</th><td>Stone, brick</td></tr><tr><th>Use</th><td>Heating, cooking</td></tr></tbody></table>
        <p>A <b>hearth</b> is the place in a home where a fire is kept.<sup class="reference"><a href="#cite-1">[1]</a></sup> It was central to domestic life.<sup id="cite_ref-2" class="reference"><a href="#cite-2">[2]</a></sup></p>
        <div id="toc" class="toc"><h2>Contents</h2><ul><li>1 History</li><li>2 See also</li></ul></div>
        <div class="mw-heading mw-heading2"><h2 id="History">History</h2><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="?action=edit">edit</a><span class="mw-editsection-bracket">]</span></span></div>
        <p>Hearths have been found at many sites, some very old.</p>
        <div class="mw-references-wrap"><ol class="references"><li id="cite-1"><span class="mw-cite-backlink"><a href="#r">^</a></span> <cite>Smith, Fire, 1990.</cite></li></ol></div>
        <div class="navbox" role="navigation"><table><tr><td>NAVBOX TEXT</td></tr></table></div>
        <div id="catlinks" class="catlinks">Categories: Fireplaces</div>
      </div></div></body></html>`;
    const doc = await parse(html);
    expect(doc.title).toBe('Hearth - Wikipedia');
    expect(headings(doc).map((h) => h[0])).toEqual(['Hearth', 'History']);
    expect(doc.text).toContain('Hearth\nMaterial | Stone, brick\nUse | Heating, cooking');
    expect(doc.text).toContain('A hearth is the place in a home where a fire is kept. It was central to domestic life.');
    expect(doc.text).toContain('Smith, Fire, 1990.');
    for (const junk of ['[1]', '[2]', 'edit', 'Contents', 'Jump to content', 'NAVBOX', 'Categories', '^']) expect(doc.text, junk).not.toContain(junk);
  });

  it('matches whole words of class names and ids, not parts of words', async () => {
    const doc = await parse(`<main>
      <div class="header-image-post"><p>KEEP A</p></div><div class="shareholder-letter"><p>KEEP B</p></div>
      <div class="adventure"><p>KEEP C</p></div><div class="ad-free content"><p>KEEP D</p></div>
      <div class="sidebar-widget"><a href="/x">DROP E</a></div><div id="CookieNotice">DROP F</div><div class="promo_box">DROP G</div>
      <div id="onetrust-consent-sdk"><p>DROP H</p></div><p class="noprint">DROP I</p></main>`);
    expect(doc.text).toBe('KEEP A\n\nKEEP B\n\nKEEP C\n\nKEEP D');
  });

  it('turns tables into rows of cells and keeps the caption', async () => {
    const doc = await parse(`<main><table><caption>Prices</caption><thead><tr><th>Item</th><th>Price</th></tr></thead><tbody><tr><td>Loaf</td><td>3 &euro;</td></tr><tr><td>Roll<br>(small)</td><td>1 &euro;</td></tr></tbody></table></main>`);
    const table = doc.blocks.find((b) => b.kind === 'table');
    expect(doc.text.slice(table?.start, table?.end)).toBe('Item | Price\nLoaf | 3 €\nRoll (small) | 1 €');
    expect(doc.text.startsWith('Prices\n\n')).toBe(true);
    const layout = await parse(`<main><table role="presentation"><tr><td><h2>Opening hours</h2><p>Daily from nine.</p></td></tr></table></main>`);
    expect(headings(layout)).toEqual([['Opening hours', 2, ['Opening hours']]]);
    expect(layout.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph']);
  });
});

describe('html parser: text, entities and encodings', () => {
  it('decodes named and numeric entities', async () => {
    const doc = await parse('<p>Fish &amp; chips &lt;b&gt; caf&eacute; caf&#233; &#x1F600; a&nbsp;b &quot;q&quot; &copy;</p>');
    expect(doc.text).toBe('Fish & chips <b> café café 😀 a b "q" ©');
  });

  it('decodes windows-1252 bytes by their <meta charset>', async () => {
    const head = '<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head><body><p>';
    const body = 'Un caf\xe9 na\xefve co\xfbte 3 \x80 \x93cit\xe9\x94.</p></body></html>';
    const bytes = Uint8Array.from(head + body, (c) => c.charCodeAt(0));
    const doc = await parse(bytes);
    expect(doc.encoding).toBe('windows-1252');
    expect(doc.title).toBe('Café');
    expect(doc.text).toBe('Un café naïve coûte 3 € “cité”.');
    expect(doc.warnings).toEqual([]);
  });

  it('reads http-equiv content-type and other charsets such as Shift_JIS', async () => {
    const latin = Uint8Array.from('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>\xe9t\xe9</p>', (c) => c.charCodeAt(0));
    expect(decodeHtml(latin)).toMatchObject({ encoding: 'windows-1252', text: expect.stringContaining('été'), source: 'declared' });
    const sjis = Uint8Array.from([...utf8('<meta charset="shift_jis"><p>'), 0x93, 0xfa, 0x96, 0x7b, ...utf8('</p>')]);
    const doc = await parse(sjis);
    expect(doc.encoding).toBe('shift_jis');
    expect(doc.text).toBe('日本');
  });

  it('uses UTF-8 when valid, a BOM when present, else Windows-1252 with a warning', async () => {
    expect((await parse(utf8('<p>naïve</p>'))).text).toBe('naïve');
    expect(decodeHtml(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('<p>ok</p>')]))).toEqual({ text: '<p>ok</p>', encoding: 'utf-8', source: 'bom' });
    const legacy = await parse(Uint8Array.from('<p>na\xefve \x80 \x85</p>', (c) => c.charCodeAt(0)));
    expect(legacy.text).toBe('naïve € …');
    expect(legacy.encoding).toBe('windows-1252');
    expect(legacy.warnings.map((w) => w.code)).toEqual(['LEGACY_ENCODING']);
  });
});

describe('html parser: failures', () => {
  it('refuses an empty file and a page with no text', async () => {
    expect((await failure(new Uint8Array(0), 'empty.html')).code).toBe('EMPTY_FILE');
    const none = await failure(utf8('<html><head><script>var a = "text";</script></head><body><nav>Menu</nav></body></html>'), 'app.html');
    expect(none.code).toBe('NO_TEXT');
    expect(none.message).toContain('“app.html”');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await failure(utf8('<p>text</p>'), 'a.html', controller.signal)).code).toBe('ABORTED');
  });

  it('survives pathological nesting', async () => {
    const deep = '<div>'.repeat(20_000) + '<p>deep text</p>' + '</div>'.repeat(20_000);
    const doc = await parse(deep);
    expect(doc.text).toBe('deep text');
  });
});

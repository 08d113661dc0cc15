// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { PassageBlock } from '../../../workers/retrieval.protocol';
import { CLOSE, OPEN, passageMarkdown, renderPassage, type PassageSource } from './passage-html';

/** A document text from blocks (joined by blank lines, as DocumentBuilder does) with their offsets. */
function documentOf(parts: [PassageBlock['kind'], string, number?][]): { text: string; blocks: PassageBlock[] } {
  let text = '';
  const blocks: PassageBlock[] = [];
  for (const [kind, body, level] of parts) {
    if (text) text += '\n\n';
    blocks.push({ kind, ...(level !== undefined ? { level } : {}), start: text.length, end: text.length + body.length });
    text += body;
  }
  return { text, blocks };
}

const BEES = documentOf([
  ['heading', 'Keeping bees', 1],
  ['paragraph', 'A honey bee colony has one queen.\nThe queen lays up to **two thousand** eggs a day.'],
  ['heading', 'Harvest', 2],
  ['paragraph', 'Beekeepers harvest honey in late summer.\nFrames are uncapped with a hot knife.'],
  ['list', '- a smoker\n- a hive tool'],
]);

function source(doc: { text: string; blocks: PassageBlock[] }, passage: string, format: PassageSource['format'] = 'markdown', window?: [number, number]): PassageSource {
  const start = doc.text.indexOf(passage);
  const [from, to] = window ?? [0, doc.text.length];
  return { text: doc.text.slice(from, to), from, start, end: start + passage.length, blocks: doc.blocks, format };
}

function render(src: PassageSource): HTMLDivElement {
  const div = document.createElement('div');
  div.append(renderPassage(src));
  return div;
}

describe('passageMarkdown', () => {
  it('turns heading blocks into headings below the panel title and marks the passage ends', () => {
    const md = passageMarkdown(source(BEES, 'Beekeepers harvest honey in late summer.'));
    expect(md).toContain('### Keeping bees');
    expect(md).toContain('#### Harvest');
    expect(md).toContain(`${OPEN}Beekeepers harvest honey in late summer.${CLOSE}\nFrames`);
  });

  it('escapes Markdown punctuation in formats whose text is literal', () => {
    const doc = documentOf([['paragraph', 'Price *not* final: 5 # of [items]']]);
    const md = passageMarkdown(source(doc, 'Price', 'pdf'));
    expect(md).toBe(`${OPEN}Price${CLOSE} \\*not\\* final\\: 5 \\# of \\[items\\]`);
  });

  it('shows where the window cuts a block', () => {
    const from = BEES.text.indexOf('queen lays');
    const md = passageMarkdown(source(BEES, 'two thousand', 'markdown', [from, BEES.text.indexOf('Frames')]));
    expect(md.startsWith('…queen lays')).toBe(true);
    expect(md.endsWith('late summer.…')).toBe(true);
  });
});

describe('renderPassage', () => {
  it('renders headings, keeps line breaks and marks the passage', () => {
    const div = render(source(BEES, 'Beekeepers harvest honey in late summer.\nFrames are uncapped'));
    expect(div.querySelector('h3')?.textContent).toBe('Keeping bees');
    expect(div.querySelector('h4')?.textContent).toBe('Harvest');
    expect(div.querySelector('strong')?.textContent).toBe('two thousand');
    const marks = div.querySelectorAll('mark.cited');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.textContent).toBe('Beekeepers harvest honey in late summer.Frames are uncapped');
    expect(marks[0]!.querySelector('br')).not.toBeNull(); // one mark over the line break
    expect(marks[0]!.getAttribute('data-testid')).toBe('cited-passage');
    expect(div.textContent).not.toMatch(/[\uE001\uE002]/);
  });

  it('marks a passage that spans a heading and paragraphs, one mark per block', () => {
    const div = render(source(BEES, 'eggs a day.\n\nHarvest\n\nBeekeepers harvest honey'));
    const marks = [...div.querySelectorAll('mark')];
    expect(marks.map((m) => m.textContent)).toEqual(['eggs a day.', 'Harvest', 'Beekeepers harvest honey']);
    expect(marks[1]!.parentElement!.tagName).toBe('H4');
    expect(div.querySelectorAll('[data-testid="cited-passage"]')).toHaveLength(1);
  });

  it('marks inside emphasis and list items without breaking their structure', () => {
    const div = render(source(BEES, 'thousand** eggs a day.\n\nHarvest\n\nBeekeepers harvest honey in late summer.\nFrames are uncapped with a hot knife.\n\n- a smoker'));
    const strong = div.querySelector('strong')!;
    expect(strong.querySelector('mark')?.textContent).toBe('thousand');
    const li = div.querySelector('li')!;
    expect(li.querySelector('mark')?.textContent).toBe('a smoker');
    expect(div.querySelectorAll('li mark')).toHaveLength(1);
    for (const m of div.querySelectorAll('mark')) expect(m.querySelector('p, li, h3, h4, ul')).toBeNull();
  });

  it('keeps what the sanitizer removes from answers out of documents too', () => {
    const doc = documentOf([['paragraph', 'See <img src=x onerror="alert(1)"> and <script>alert(2)</script> [here](javascript:alert(3)).']]);
    const div = render(source(doc, 'See'));
    expect(div.querySelector('img, script')).toBeNull();
    expect(div.querySelector('a')?.getAttribute('href') ?? null).toBeNull();
    expect(div.innerHTML).not.toContain('onerror');
  });

  it('shows a literal format as written, with its line breaks', () => {
    const doc = documentOf([['paragraph', 'Line one with *stars*\nline two <b>not bold</b>']]);
    const div = render(source(doc, 'line two', 'text'));
    expect(div.querySelector('em, b')).toBeNull();
    expect(div.textContent?.trim()).toBe('Line one with *stars*line two <b>not bold</b>');
    expect(div.querySelector('br')).not.toBeNull();
    expect(div.querySelector('mark')?.textContent).toBe('line two');
  });

  it('renders without blocks (before the structure arrives) as one paragraph', () => {
    const src: PassageSource = { text: 'Just the passage.', from: 120, start: 120, end: 137, blocks: [], format: null };
    const div = render(src);
    expect(div.querySelector('p mark')?.textContent).toBe('Just the passage.');
  });

  it('renders tables and code blocks', () => {
    const doc = documentOf([
      ['table', 'Tool | Use\nsmoker | calms the bees'],
      ['code', 'frames = 10\nsupers = 2'],
    ]);
    const div = render(source(doc, 'calms the bees\n\nframes = 10', 'docx'));
    expect(div.querySelector('th')?.textContent).toBe('Tool');
    expect(div.querySelector('td mark')?.textContent).toBe('calms the bees');
    expect(div.querySelector('pre code mark')?.textContent).toBe('frames = 10');
  });
});

import { describe, expect, it } from 'vitest';
import { locatePassage, skeleton, spanRects, type LocatableItem } from './locate-passage';

/** A text item as pdf.js gives it: a run of text at (x, y) in Helvetica-like metrics (0.5 em per character). */
function item(str: string, x: number, y: number, size = 11): LocatableItem & { hasEOL: boolean; fontName: string } {
  return { str, transform: [size, 0, 0, size, x, y], width: str.length * size * 0.5, height: size, hasEOL: false, fontName: 'g_d0_f1' };
}

/** One item per line (what pdf-lib and many word processors write), 16 units apart from y = 740 down. */
function lines(texts: string[], x = 60, top = 740): LocatableItem[] {
  return texts.map((t, i) => item(t, x, top - i * 16));
}

const texts = (items: readonly LocatableItem[], spans: { item: number; from: number; to: number }[]) =>
  spans.map((s) => (items[s.item] as LocatableItem).str.slice(s.from, s.to));

describe('skeleton', () => {
  it('keeps letters and digits only, without case, accents or ligatures', () => {
    expect(skeleton('Ďéjà vu — the ﬁnal “ofﬁce”, 2024!').chars).toBe('dejavuthefinaloffice2024');
  });

  it('maps each letter back to its place in the source', () => {
    const s = skeleton('a ﬁ b');
    expect(s.chars).toBe('afib');
    expect(s.at).toEqual([0, 2, 2, 4]);
  });
});

describe('locatePassage', () => {
  it('finds a passage that starts and ends inside lines, whatever the whitespace', () => {
    const items = lines([
      'Harbour rules',
      'Ships must report to the harbour master before',
      'entering the port. Pilots board at the outer buoy',
      'in all weather. Tugs are ordered by radio.',
    ]);
    const spans = locatePassage(items, 'Pilots board at the outer buoy in all   weather.');
    expect(spans).not.toBeNull();
    expect(texts(items, spans!)).toEqual(['Pilots board at the outer buoy', 'in all weather']);
    expect(spans!.map((s) => s.item)).toEqual([2, 3]);
  });

  it('matches across hyphenated line ends and ligatures, as the parser joined them', () => {
    // A typeset page: words and spaces as separate items, "fin-" broken at the line end, "ﬁ" a ligature glyph.
    const items: LocatableItem[] = [
      item('The', 72, 700), item(' ', 90, 700), item('project', 96, 700), item(' ', 134, 700), item('was', 140, 700), item(' ', 158, 700), item('fin-', 164, 700),
      item('anced', 72, 686), item(' ', 102, 686), item('by', 108, 686), item(' ', 120, 686), item('the', 126, 686), item(' ', 144, 686), item('co-', 150, 686),
      item('operative', 72, 672), item(' ', 122, 672), item('ofﬁce.', 128, 672),
    ];
    const spans = locatePassage(items, 'The project was financed by the co-operative office.');
    expect(spans).not.toBeNull();
    // Every word item, whole (spaces are items of their own with no letters: the line boxes cover them).
    expect(texts(items, spans!)).toEqual(['The', 'project', 'was', 'fin-', 'anced', 'by', 'the', 'co-', 'operative', 'ofﬁce.']);
    expect(spanRects(items, spans!)).toHaveLength(3);
  });

  it('follows the reading order of a two-column page whose stream interleaves the columns', () => {
    const left = ['Tides rise twice a day along this', 'coast, and the spring tide lifts', 'the water four metres above the', 'low water mark at the harbour.'];
    const right = ['Storms in winter close the outer', 'harbour for days; ships then wait', 'at anchor in the bay until the', 'harbour master signals them in.'];
    const items: LocatableItem[] = [];
    left.forEach((l, i) => {
      items.push(item(l, 60, 700 - i * 14)); // stream order: left line i, then right line i
      items.push(item(right[i] as string, 320, 700 - i * 14));
    });
    const passage = left.join(' ');
    const spans = locatePassage(items, passage);
    expect(spans).not.toBeNull();
    expect(spans!.map((s) => s.item)).toEqual([0, 2, 4, 6]); // the left column only
    expect(texts(items, spans!)).toEqual(left);

    const rects = spanRects(items, spans!);
    expect(rects).toHaveLength(4);
    for (const r of rects) expect(r.x1).toBeLessThan(320);
  });

  it('finds the part of a passage that is on one page of a range', () => {
    const items = lines(['Storage', 'Keep the oil in a cool dry room away from the lamps and', 'check the casks for leaks once a week during the winter']);
    const passage = 'Keep the oil in a cool dry room away from the lamps and check the casks for leaks once a week during the winter months, and write down what was used each night in the log book kept by the door.';
    expect(locatePassage(items, passage)).toBeNull(); // not enough of it for a one-page passage
    const spans = locatePassage(items, passage, { partial: true });
    expect(spans!.map((s) => s.item)).toEqual([1, 2]);
  });

  it('says when the passage is not on the page', () => {
    const items = lines(['Volcanoes form where magma reaches the surface.', 'Shield volcanoes have gentle slopes.']);
    expect(locatePassage(items, 'Beekeepers harvest honey in late summer, leaving stores for winter.')).toBeNull();
    expect(locatePassage(items, 'Beekeepers harvest honey in late summer.', { partial: true })).toBeNull();
    expect(locatePassage([], 'anything at all here')).toBeNull();
    expect(locatePassage(items, '— … —')).toBeNull();
  });

  it('does not match a short passage to common words scattered on the page', () => {
    const items = lines(['the cat sat on the mat', 'and the dog lay on the rug']);
    expect(locatePassage(items, 'the dog sat')).toBeNull();
    expect(texts(items, locatePassage(items, 'the dog lay')!)).toEqual(['the dog lay']);
  });
});

describe('spanRects', () => {
  it('boxes the matched characters of an item from its transform and width', () => {
    const items = [item('0123456789', 100, 500, 10)]; // 5 units per character
    const [r] = spanRects(items, [{ item: 0, from: 2, to: 6 }]);
    expect(r!.x0).toBeCloseTo(110);
    expect(r!.x1).toBeCloseTo(130);
    expect(r!.y0).toBeCloseTo(497.5); // a little below the baseline
    expect(r!.y1).toBeCloseTo(509); // up to about the cap height
  });

  it('merges the words of one line into one box and keeps lines apart', () => {
    const items = [item('Ships', 60, 700), item(' ', 87.5, 700), item('must', 93, 700), item('report', 60, 684)];
    const rects = spanRects(items, items.map((it, i) => ({ item: i, from: 0, to: it.str.length })));
    expect(rects).toHaveLength(2);
    expect(rects[0]!.x0).toBeCloseTo(60);
    expect(rects[0]!.x1).toBeCloseTo(115);
    expect(rects[1]!.y1).toBeLessThan(rects[0]!.y0 + 1);
  });

  it('boxes rotated text around its glyphs', () => {
    // Text turned 90° (reading upwards): direction (0, 1), up (−1, 0).
    const rotated: LocatableItem = { str: 'MARGIN', transform: [0, 10, -10, 0, 40, 300], width: 30, height: 10 };
    const [r] = spanRects([rotated], [{ item: 0, from: 0, to: 6 }]);
    expect(r!.y0).toBeCloseTo(300);
    expect(r!.y1).toBeCloseTo(330);
    expect(r!.x0).toBeCloseTo(31);
    expect(r!.x1).toBeCloseTo(42.5);
  });
});

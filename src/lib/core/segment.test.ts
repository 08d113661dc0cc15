import { afterEach, describe, expect, it } from 'vitest';
import { SPACELESS_SCRIPT, segmentWords } from './segment';

describe('segmentWords', () => {
  const original = Intl.Segmenter;
  afterEach(() => {
    Object.defineProperty(Intl, 'Segmenter', { value: original, configurable: true, writable: true });
  });

  it('splits Thai into dictionary words and drops spaces and punctuation', () => {
    expect(segmentWords('ประเทศไทยมีประชากร, 70 ล้านคน')).toEqual(['ประเทศไทย', 'มี', 'ประชากร', '70', 'ล้าน', 'คน']);
  });

  it('segments a run longer than its window exactly as one pass would', () => {
    const run = 'จำนวนประชากรของกรุงเทพมหานครเพิ่มขึ้นทุกปีและการคมนาคมขนส่งก็มีความสำคัญมากขึ้นเรื่อยๆ'.repeat(150);
    expect(run.length).toBeGreaterThan(10_000);
    const onePass = Array.from(new Intl.Segmenter('en', { granularity: 'word' }).segment(run))
      .filter((s) => s.isWordLike)
      .map((s) => s.segment);
    expect(segmentWords(run)).toEqual(onePass);
  });

  it('gives the same words whatever locale it is given', () => {
    expect(segmentWords('ປະເທດລາວມີປະຊາກອນ', 'th')).toEqual(segmentWords('ປະເທດລາວມີປະຊາກອນ', 'en'));
  });

  it('returns the text whole where Intl.Segmenter does not exist', () => {
    Object.defineProperty(Intl, 'Segmenter', { value: undefined, configurable: true, writable: true });
    // A locale not used before, so no cached segmenter answers.
    expect(segmentWords('ประเทศไทยมีประชากร', 'fr-CA')).toEqual(['ประเทศไทยมีประชากร']);
  });

  it('recognizes the four scripts and nothing else', () => {
    for (const s of ['ไทย', 'ລາວ', 'ខ្មែរ', 'မြန်မာ']) expect(SPACELESS_SCRIPT.test(s), s).toBe(true);
    for (const s of ['abc', '東京', 'Việt', 'русский', 'हिन्दी']) expect(SPACELESS_SCRIPT.test(s), s).toBe(false);
  });
});

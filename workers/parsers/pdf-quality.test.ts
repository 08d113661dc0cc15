import { describe, expect, it } from 'vitest';
import { ocrNoise, random } from './fixtures/make-pdf';
import { assessPageText } from './pdf-quality';
import { imageCoverage, type ImageOps } from './pdf-scan';

const verdict = (text: string) => assessPageText(text).verdict;

/** Real text in several scripts, as a page's text layer gives it. */
const REAL: Record<string, string> = {
  english:
    'The library opened its doors in 1921, when the town council agreed to pay for books and a reading room. ' +
    'Within a decade it held more than 12,000 volumes, a map collection and the archive of the local newspaper. ' +
    'Today it lends e-books too, and its iPhone app lists the opening hours of all branches.',
  russian:
    'Налоговая декларация подаётся до 30 апреля года, следующего за отчётным периодом. В декларации указываются ' +
    'все доходы, полученные в течение года, а также сумма налога, подлежащая уплате в бюджет.',
  japanese:
    'マーケットモデルは2次元で説明する。取引できない商品がマクロ経済変数などであるモデルを考えることは可能である。' +
    'リスク中立確率は一意ではなく、価格も一意でなくなる。',
  hebrew: 'שלום עולם, מה שלום כולם? אני כבר ילד אמיתי, כמו כל הילדים. לחיוב פעולות אלה לפי סעיף 15 לחוק מבקר המדינה.',
  arabic: 'اللغة العربية من أكثر اللغات انتشارا في العالم، ويتحدث بها أكثر من أربعمائة مليون إنسان في الدول العربية وخارجها.',
  greek: 'Η βιβλιοθήκη άνοιξε το 1921 και σήμερα έχει περισσότερους από δώδεκα χιλιάδες τόμους και έναν μεγάλο αναγνωστήριο χώρο.',
  chinese: '本文介绍了一种新的文档解析方法，可以在浏览器中直接读取文件，并保护用户的隐私。实验结果表明该方法速度很快。',
  korean: '이 문서는 브라우저에서 직접 파일을 읽는 새로운 방법을 소개합니다. 사용자의 개인 정보는 기기 밖으로 나가지 않습니다.',
  hindi: 'यह पुस्तकालय उन्नीस सौ इक्कीस में खुला था और आज इसमें बारह हज़ार से अधिक पुस्तकें हैं जो सभी के लिए उपलब्ध हैं।',
  german: 'Die Angstschweißperlen des Donaudampfschifffahrtskapitäns glänzten, als die Rechtsschutzversicherungsgesellschaften tagten und stritten.',
  form:
    'Form 1040 U.S. Individual Income Tax Return 2010 OMB No. 1545-0074 Your first name and initial Last name ' +
    '7 Wages, salaries, tips, etc. Attach Form(s) W-2 . . . . . . . . . 7 8a Taxable interest. Attach Schedule B if required . . 8a ' +
    'b Tax-exempt interest. Do not include on line 8a . . . 8b 9a Ordinary dividends . . . 9a ____________ $ 1,250.00',
  table: 'Region Q1 Q2 Q3 Q4\nNorth 1,204 1,330 1,298 1,410\nSouth 987 1,002 1,115 1,201\nEast 455 470 512 530\nWest 2,310 2,290 2,405 2,511\nTotal 4,956 5,092 5,330 5,652',
  code:
    'function getElementById(id) { return document.querySelector(`#${id}`); }\nconst innerHTML = node.textContent; // JavaScript API\n' +
    'export async function loadPdfjs(): Promise<PdfjsEnv> { const { getDocument, GlobalWorkerOptions } = await import(url); }\n' +
    'class McDonaldOrder extends BaseOrder { addItem(itemName, unitPrice) { this.itemList.push({ itemName, unitPrice }); return this; } }\n' +
    'if (response.statusCode === 404) throw new NotFoundError(requestUrl); else parseJsonBody(response.bodyText, { strictMode: true });',
};

describe('pages whose text reads as text', () => {
  for (const [name, text] of Object.entries(REAL)) {
    it(`accepts ${name}`, () => {
      expect(verdict(text)).toBe('text');
    });
  }

  it('accepts a character chart (a font sampler) of single characters in code-point order', () => {
    const chart = Array.from({ length: 6 }, (_, row) => Array.from({ length: 16 }, (_, i) => String.fromCharCode(0x21 + row * 16 + i)).join(' ')).join('\n');
    expect(verdict(`FONT: courier\n${chart}\nThe quick brown fox jumps over the lazy dog`)).toBe('text');
  });

  it('calls a page with a page number only sparse, not text or noise', () => {
    expect(verdict('  12  ')).toBe('sparse');
    expect(verdict('')).toBe('sparse');
  });
});

describe('pages whose text layer is noise', () => {
  it('flags OCR noise: capitals mid-word, digits and symbols wedged into words', () => {
    const q = assessPageText(ocrNoise(25).join('\n'));
    expect(q.verdict).toBe('noise');
    expect(q.nonWordShare).toBeGreaterThan(0.4);
  });

  it('flags Cyrillic misread as Latin lookalikes', () => {
    const text =
      'CyMMa Hanora (aeaHcoeoro nnaTe>Ka no Hanory), ynna"\'liiBaeMoro B CB~3lil c npliiMeHeHlileM ynpo111eHHOali CliiCTeMbl ' +
      'HallOr006JlO>KeHlil~ yMeHbWeHHble Ha Belllil"\'liiHY paCXO,QOB MliiHliiMallbHoro no,Qne>Kallla~ ,QaHHbiM HanoronnaTellbll.lliiKa';
    expect(verdict(text)).toBe('noise');
  });

  it('flags a page of mostly isolated single letters', () => {
    const next = random(11);
    const letters = Array.from({ length: 80 }, () => 'ilrtfjILJ'[Math.floor(next() * 9)]).join(' ');
    expect(verdict(`${letters} the end`)).toBe('noise');
  });

  it('flags glyph codes: control characters and alphabets mixed inside words', () => {
    expect(verdict('\u0002\u0003\u0004\u0005 \u0003\u0006\u0004 \u0007\u0008 Overview\u0002of\u0002the\u0002model \u0010\u0011\u0012\u0013\u0014')).toBe('undecodable');
    expect(verdict('ΰԔ ϸЇ́Ψ ߙϣÎ ϙķϢʆ ͳ೅ဍഀ ඥ੒Ǌ һӍΉʽী ,܅ȥ͟ರ ѓϞƘ ΗಮӆΗ ϥ̼౾ȥ Ԡϳƌ٫Ϧη')).toBe('undecodable');
    expect(verdict('\ufffd\ufffd\ufffd \ufffd\ufffd text \ufffd\ufffd\ufffd\ufffd \ue000\ue001\ue002')).toBe('undecodable');
  });
});

describe('image coverage from an operator list', () => {
  const ops: ImageOps = {
    save: 10,
    restore: 11,
    transform: 12,
    paintFormXObjectBegin: 74,
    paintFormXObjectEnd: 75,
    paintImageMaskXObject: 83,
    paintImageMaskXObjectGroup: 84,
    paintImageXObject: 85,
    paintInlineImageXObject: 86,
    paintInlineImageXObjectGroup: 87,
    paintImageXObjectRepeat: 88,
    paintImageMaskXObjectRepeat: 89,
  };
  const page = 612 * 792;

  it('measures an image scaled to the page, through save/transform/restore', () => {
    const fn = [ops.save, ops.transform, ops.paintImageXObject, ops.restore];
    const args = [null, [612, 0, 0, 792, 0, 0], ['img', 100, 130], null];
    expect(imageCoverage(fn, args, ops, page)).toBeCloseTo(1);
  });

  it('follows form XObject matrices and forgets transforms after restore', () => {
    const fn = [ops.save, ops.transform, ops.restore, ops.paintFormXObjectBegin, ops.transform, ops.paintImageXObject, ops.paintFormXObjectEnd, ops.paintImageXObject];
    const args = [null, [1000, 0, 0, 1000, 0, 0], null, [[2, 0, 0, 2, 0, 0], [0, 0, 100, 100]], [100, 0, 0, 100, 0, 0], ['img'], null, ['logo']];
    // 200 × 200 inside the form, then a 1 × 1 logo outside it.
    expect(imageCoverage(fn, args, ops, page)).toBeCloseTo((200 * 200 + 1) / page);
  });

  it('is zero for a page of vector drawing only', () => {
    expect(imageCoverage([ops.save, ops.transform, 91, ops.restore], [null, [2, 0, 0, 2, 0, 0], [], null], ops, page)).toBe(0);
  });
});

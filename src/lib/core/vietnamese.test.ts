import { describe, expect, it } from 'vitest';
import { vietnameseTerm } from './vietnamese';

describe('vietnameseTerm', () => {
  it('keeps tone marks on one-syllable Vietnamese words', () => {
    for (const w of ['má', 'mà', 'mả', 'mã', 'mạ', 'đi', 'ăn', 'bên', 'người', 'nghiêng', 'quý', 'giữ']) {
      expect(vietnameseTerm(w), w).toBe(w.normalize('NFC'));
    }
  });

  it('keeps letters only Vietnamese uses, even outside a single syllable', () => {
    expect(vietnameseTerm('việtnam')).toBe('việtnam');
    expect(vietnameseTerm('ươn')).toBe('ươn');
  });

  it('says no to accented words of other languages', () => {
    for (const w of ['café', 'naïve', 'façade', 'hôtel', 'être', 'más', 'él', 'città', 'mãe', 'três', 'für', 'đoković', 'ñu', 'dû']) {
      expect(vietnameseTerm(w), w).toBeNull();
    }
  });

  it('writes the tone of an open oa/oe/uy syllable on its first vowel', () => {
    expect(vietnameseTerm('hoá')).toBe('hóa');
    expect(vietnameseTerm('thuỷ')).toBe('thủy');
    expect(vietnameseTerm('khoẻ')).toBe('khỏe');
    expect(vietnameseTerm('hóa')).toBe('hóa');
    expect(vietnameseTerm('toán')).toBe('toán');
  });

  it('gives precomposed and decomposed input the same term', () => {
    expect(vietnameseTerm('vie\u0302\u0323t')).toBe('việt');
    expect(vietnameseTerm('ma\u0301')).toBe('má');
  });
});

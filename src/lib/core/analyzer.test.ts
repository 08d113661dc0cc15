import { describe, expect, it } from 'vitest';
import { analyze, createAnalyzer } from './analyzer';

describe('analyze', () => {
  it('lowercases, drops stop words and stems English', () => {
    expect(analyze('The runners were running generously in the Parks')).toEqual(['runner', 'run', 'generous', 'park']);
  });

  it('keeps numbers, including decimals and thousands separators', () => {
    expect(analyze('Apollo 11 landed in 1969; 3.5 kg, 10,000 people')).toEqual([
      'apollo', '11', 'land', '1969', '3.5', 'kg', '10,000', 'peopl',
    ]);
  });

  it('folds diacritics on Latin letters so "café" finds "cafe"', () => {
    expect(analyze('Café NAÏVE façade Straße')).toEqual(analyze('cafe naive facade strasse'));
    expect(analyze('Crème brûlée')).toEqual(['creme', 'brule']);
  });

  it('lowercases but never stems Cyrillic or Greek', () => {
    expect(analyze('Книги и ЖУРНАЛЫ')).toEqual(['книги', 'и', 'журналы']);
    expect(analyze('ΟΔΥΣΣΕΥΣ')).toEqual(['οδυσσευς']);
    // Cyrillic й keeps its breve (folding it would merge different letters).
    expect(analyze('Толстой')).toEqual(['толстой']);
  });

  it('splits CJK runs into overlapping bigrams and keeps a lone character', () => {
    expect(analyze('東京都')).toEqual(['東京', '京都']);
    expect(analyze('猫')).toEqual(['猫']);
    expect(analyze('東京タワーとSkytree')).toEqual(['東京', '京タ', 'タワ', 'ワー', 'ーと', 'skytre']);
    expect(analyze('서울 특별시')).toEqual(['서울', '특별', '별시']);
  });

  it('normalizes full-width forms (NFKC) and curly apostrophes', () => {
    expect(analyze('ＡＢＣ１２３')).toEqual(['abc123']);
    expect(analyze('John’s dog')).toEqual(analyze("John's dog"));
    expect(analyze("don't")).toEqual(['dont']);
  });

  it('drops absurdly long tokens and returns [] for empty input', () => {
    expect(analyze('x'.repeat(200) + ' useful')).toEqual(['use']);
    expect(analyze('')).toEqual([]);
    expect(analyze('  \n\t ')).toEqual([]);
  });

  it('can keep stop words or skip stemming when asked', () => {
    expect(createAnalyzer({ stopWords: 'none' })('the cats')).toEqual(['the', 'cat']);
    expect(createAnalyzer({ stem: false })('the cats')).toEqual(['cats']);
    expect(createAnalyzer({ stopWords: 'lucene' })('what is it')).toEqual(['what']);
  });
});

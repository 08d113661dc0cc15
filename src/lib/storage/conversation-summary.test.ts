import { describe, expect, it } from 'vitest';
import { autoTitle, byNewest, cleanTitle, conversationMatches, foldForSearch, summarize } from './conversation-summary';
import type { ConversationRecord } from './schema';

const record: ConversationRecord = {
  id: 'a',
  title: 'Crème brûlée',
  updatedAt: 10,
  messages: [
    { role: 'user', content: 'How long does the custard bake?' },
    { role: 'assistant', content: 'About 40 minutes at 150 °C [1].', extracts: [{ n: 1, text: 'Bake in a bain-marie.' }] },
    { role: 'user', content: 'Can I use Đà Lạt sugar?' },
    { role: 'assistant', content: 'Yes.' },
  ],
};

describe('autoTitle', () => {
  it('is the first question, cut to 80 characters', () => {
    expect(autoTitle(record.messages)).toBe('How long does the custard bake?');
    expect(autoTitle([{ role: 'user', content: 'q'.repeat(100) }])).toHaveLength(80);
    expect(autoTitle([])).toBe('Conversation');
  });
});

describe('cleanTitle', () => {
  it('keeps one trimmed line of at most 80 characters', () => {
    expect(cleanTitle('  Budget\n notes  ')).toBe('Budget notes');
    expect(cleanTitle('   ')).toBe('');
    expect(cleanTitle('t'.repeat(120))).toHaveLength(80);
  });
});

describe('summarize and byNewest', () => {
  it('counts messages and questions without keeping them', () => {
    expect(summarize(record)).toEqual({ id: 'a', title: 'Crème brûlée', updatedAt: 10, messageCount: 4, questionCount: 2 });
  });
  it('sorts newest first, ties by id', () => {
    const rows = [
      { id: 'b', updatedAt: 1 },
      { id: 'c', updatedAt: 5 },
      { id: 'a', updatedAt: 5 },
    ];
    expect(rows.sort(byNewest).map((r) => r.id)).toEqual(['a', 'c', 'b']);
  });
});

describe('search', () => {
  it('folds case and accents, including letters NFD does not split', () => {
    expect(foldForSearch('Crème BRÛLÉE')).toBe('creme brulee');
    expect(foldForSearch('Đà Lạt')).toBe('da lat');
    expect(foldForSearch('Øresund Łódź straße')).toBe('oresund lodz strasse');
  });
  it('matches a substring of the title or any message, either way round', () => {
    const has = (q: string) => conversationMatches(record, foldForSearch(q));
    expect(has('creme')).toBe(true);
    expect(has('CUSTARD')).toBe(true);
    expect(has('da lat')).toBe(true);
    expect(has('Đà')).toBe(true);
    expect(has('40 min')).toBe(true);
    expect(has('bain-marie')).toBe(true);
    expect(has('')).toBe(true);
    expect(has('chocolate')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { buildPrompt, DONT_KNOW, renderPlainPrompt } from './prompt';

const contexts = [
  { n: 1, title: 'Handbook', text: 'Staff get 25 days of paid leave per year.' },
  { n: 2, title: 'Policy 2024', text: 'Unused leave can be carried over\nfor three months.' },
  { n: 3, title: '', text: 'The office closes on public holidays.' },
];

describe('buildPrompt', () => {
  it('tells the model to answer only from the contexts, cite [n], and admit when it does not know', () => {
    const { system } = buildPrompt('How many days of leave?', contexts);
    expect(system).toMatch(/only/i);
    expect(system).toContain('[1]');
    expect(system).toContain(DONT_KNOW);
  });

  it('lists contexts as "[n] (title) text" in order, then the question', () => {
    const { user, used } = buildPrompt('  How many days\nof leave?  ', contexts);
    expect(user).toBe(
      'Contexts:\n\n' +
        '[1] (Handbook) Staff get 25 days of paid leave per year.\n\n' +
        '[2] (Policy 2024) Unused leave can be carried over for three months.\n\n' +
        '[3] The office closes on public holidays.\n\n' +
        'Question: How many days of leave?',
    );
    expect(used).toEqual([1, 2, 3]);
  });

  it('drops the lowest-ranked whole contexts first to fit the budget', () => {
    const first = '[1] (Handbook) Staff get 25 days of paid leave per year.';
    const second = '[2] (Policy 2024) Unused leave can be carried over for three months.';
    const budget = first.length + 2 + second.length; // exactly two contexts
    const { user, used } = buildPrompt('q', contexts, { maxContextChars: budget });
    expect(used).toEqual([1, 2]);
    expect(user).toContain(second);
    expect(user).not.toContain('public holidays');
    expect(buildPrompt('q', contexts, { maxContextChars: budget - 1 }).used).toEqual([1]);
  });

  it('shortens a single oversized context at a word boundary', () => {
    const long = { n: 4, title: 'Long', text: 'alpha beta gamma delta epsilon zeta eta theta' };
    const { user, used } = buildPrompt('q', [long], { maxContextChars: 30 });
    expect(used).toEqual([4]);
    const line = user.split('\n')[2]!;
    expect(line.length).toBeLessThanOrEqual(30);
    expect(line).toBe('[4] (Long) alpha beta gamma…');
  });

  it('keeps citation numbers as given, even when they are not 1..n', () => {
    const { user } = buildPrompt('q', [{ n: 7, title: 'T', text: 'x' }]);
    expect(user).toContain('[7] (T) x');
  });

  it('says there are no contexts rather than leaving an empty section', () => {
    expect(buildPrompt('q', []).user).toBe('Contexts: (none)\n\nQuestion: q');
  });
});

describe('renderPlainPrompt', () => {
  it('renders one prompt ending in "Answer:" for base models', () => {
    const text = renderPlainPrompt(buildPrompt('Is there leave?', contexts.slice(0, 1)));
    expect(text.endsWith('\nQuestion: Is there leave?\nAnswer:')).toBe(true);
    expect(text.indexOf('[1] (Handbook)')).toBeGreaterThan(text.indexOf(DONT_KNOW));
  });
});

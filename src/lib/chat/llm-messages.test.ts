import { describe, expect, it } from 'vitest';
import { earlierTurns } from './history';
import { answerMessages } from './llm-messages';

const contexts = [
  { n: 1, title: 'Manual', text: 'Prime the pump with water before use.' },
  { n: 2, title: 'Manual', text: 'Drain the casing in winter.' },
];

describe('answer prompt with earlier turns', () => {
  it('puts earlier turns as user/assistant messages before the contexts and question', () => {
    const turns = earlierTurns([
      { role: 'user', content: 'How do I prime it?' },
      { role: 'assistant', content: 'Fill it with water [1].', status: 'done' },
      { role: 'user', content: 'Quick one?' },
      { role: 'assistant', content: 'Quoted sentences', status: 'done', kind: 'extracts' },
      { role: 'user', content: 'Failed one?' },
      { role: 'assistant', content: '', status: 'error' },
    ]);
    expect(turns).toEqual([{ question: 'How do I prime it?', answer: 'Fill it with water.' }]);
    const prompt = answerMessages('And in winter?', contexts, turns, 4000);
    expect(prompt.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(prompt.messages[3]?.content).toContain('[1] (Manual) Prime the pump');
    expect(prompt.messages[3]?.content).toMatch(/Question: And in winter\?$/);
    expect(prompt.used).toEqual([1, 2]);
    expect(prompt.turns).toBe(1);
  });

  it('drops earlier turns before passages when the room is short, and never more passages than fit', () => {
    const long = { question: 'q'.repeat(300), answer: 'a'.repeat(300) };
    const prompt = answerMessages('Why?', contexts, [long], 400);
    expect(prompt.turns).toBe(0);
    expect(prompt.messages).toHaveLength(2);
    const wide = [1, 2].map((n) => ({ n, title: 'Manual', text: `${'word '.repeat(30)}${n}` }));
    const tight = answerMessages('Why?', wide, [], 250);
    expect(tight.used).toEqual([1]);
  });
});

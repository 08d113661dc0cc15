import { describe, expect, it } from 'vitest';
import { appError } from '../errors';
import { standaloneQuery, type RewriteModel } from './standalone-query';

const chat = [
  { role: 'user' as const, content: 'How do I prime the pool pump?' },
  { role: 'assistant' as const, content: 'Fill the casing with water [1].' },
  { role: 'user' as const, content: 'And in winter?' },
];
const never = new AbortController().signal;
const model = (ready: boolean, reply: string | Error): RewriteModel & { calls: number } => {
  const m = {
    calls: 0,
    ready: () => ready,
    complete: async () => {
      m.calls++;
      if (reply instanceof Error) throw reply;
      return reply;
    },
  };
  return m;
};

describe('the standalone query of a question', () => {
  it('is the question itself when it stands alone, without asking the model', async () => {
    const m = model(true, 'x');
    expect(await standaloneQuery(chat.slice(0, 1), 0, m, never)).toBe('How do I prime the pool pump?');
    expect(m.calls).toBe(0);
  });

  it('is the loaded model’s rewrite of a follow-up, when it keeps the subject', async () => {
    expect(await standaloneQuery(chat, 2, model(true, 'How do I store the pool pump in winter?'), never)).toBe('How do I store the pool pump in winter?');
  });

  it('falls back on the earlier question’s terms when the model rambles, fails or is not loaded', async () => {
    const terms = 'And in winter? (prime pool pump)';
    expect(await standaloneQuery(chat, 2, model(true, 'Once upon a time a cat sat.'), never)).toBe(terms);
    expect(await standaloneQuery(chat, 2, model(true, appError('GENERATION_FAILED')), never)).toBe(terms);
    const idle = model(false, 'How do I store the pool pump in winter?');
    expect(await standaloneQuery(chat, 2, idle, never)).toBe(terms);
    expect(idle.calls).toBe(0);
  });

  it('builds on the earlier answer’s own standalone query, and passes a stop through', async () => {
    const longer = [...chat, { role: 'assistant' as const, content: 'Drain it.', searchQuery: 'And in winter? (prime pool pump)' }, { role: 'user' as const, content: 'Why?' }];
    expect(await standaloneQuery(longer, 4, model(false, ''), never)).toBe('Why? (winter prime pool pump)');
    await expect(standaloneQuery(chat, 2, model(true, appError('ABORTED')), never)).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

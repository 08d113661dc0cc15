import { describe, expect, it } from 'vitest';
import { answerMessages } from '../../chat/llm-messages';
import { AppError } from '../../errors';
import { samplingModeFor, sessionPrompts } from './prompts';

describe('sessionPrompts', () => {
  it("turns the chat's own answer messages into initial prompts (system first, earlier turns) and the question", () => {
    const turns = [{ question: 'When did Etna last erupt?', answer: 'In 2021 [1].' }];
    const contexts = [{ n: 1, title: 'volcanoes.txt', text: 'Mount Etna erupted in 2021.' }];
    const { messages } = answerMessages('And Vesuvius?', contexts, turns, 4000);
    const { initialPrompts, input } = sessionPrompts(messages);

    expect(initialPrompts[0]).toEqual({ role: 'system', content: messages[0]!.content });
    expect(initialPrompts.slice(1)).toEqual([
      { role: 'user', content: 'When did Etna last erupt?' },
      { role: 'assistant', content: 'In 2021 [1].' },
    ]);
    expect(initialPrompts.filter((m) => m.role === 'system')).toHaveLength(1);
    expect(input).toBe(messages.at(-1)!.content);
    expect(input).toContain('And Vesuvius?');
    expect(input).toContain('Mount Etna erupted in 2021.');
  });

  it('joins leading system messages into the one the spec allows, and works without any', () => {
    const joined = sessionPrompts([{ role: 'system', content: 'A' }, { role: 'system', content: 'B' }, { role: 'user', content: 'Q' }]);
    expect(joined.initialPrompts).toEqual([{ role: 'system', content: 'A\n\nB' }]);
    expect(sessionPrompts([{ role: 'user', content: 'Q' }])).toEqual({ initialPrompts: [], input: 'Q' });
  });

  it('refuses a system message after the conversation started, and a request that does not end with the question', () => {
    const late = () => sessionPrompts([{ role: 'user', content: 'Q1' }, { role: 'system', content: 'S' }, { role: 'user', content: 'Q2' }]);
    expect(late).toThrow(AppError);
    expect(late).toThrow(expect.objectContaining({ code: 'GENERATION_FAILED' }));
    expect(() => sessionPrompts([{ role: 'user', content: 'Q' }, { role: 'assistant', content: 'A' }])).toThrow(expect.objectContaining({ code: 'GENERATION_FAILED' }));
    expect(() => sessionPrompts([])).toThrow(expect.objectContaining({ code: 'GENERATION_FAILED' }));
  });
});

describe('samplingModeFor', () => {
  it("maps Hearth's temperature onto the spec's presets", () => {
    expect(samplingModeFor(0)).toBe('most-predictable');
    expect(samplingModeFor(0.2)).toBe('predictable'); // Hearth's default
    expect(samplingModeFor(0.7)).toBe('balanced');
    expect(samplingModeFor(1.2)).toBe('creative');
    expect(samplingModeFor(2)).toBe('most-creative');
  });
});

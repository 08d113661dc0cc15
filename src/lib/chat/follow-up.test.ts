import { describe, expect, it } from 'vitest';
import { cleanRewrite, isFollowUp, llmRewritePrompt, termsRewrite } from './follow-up';

describe('follow-up questions', () => {
  const previous = 'Which valves does the pool pump manual describe?';

  it('recognises questions that lean on the previous one', () => {
    expect(isFollowUp('And the second one?', previous)).toBe(true);
    expect(isFollowUp('What about its warranty?', previous)).toBe(true);
    expect(isFollowUp('How much does it cost?', previous)).toBe(true);
    expect(isFollowUp('Why?', previous)).toBe(true);
  });

  it('leaves standalone questions alone, and first questions always', () => {
    expect(isFollowUp('How long is the warranty on the Aqua 300 heat pump?', previous)).toBe(false);
    expect(isFollowUp('And the second one?', undefined)).toBe(false);
  });

  it('without a model, adds the previous question’s content words the follow-up lacks', () => {
    expect(termsRewrite('And the second one?', previous)).toBe('And the second one? (valves pool pump manual describe)');
    expect(termsRewrite('What about pump noise?', previous)).toBe('What about pump noise? (valves pool manual describe)');
    expect(termsRewrite('Why?', 'Why?')).toBe('Why?');
  });

  it('asks a model for a one-line rewrite without citation markers, and checks what comes back', () => {
    const { system, user } = llmRewritePrompt(previous, 'It describes gate valves [1] and check valves [2, 3].', 'And the second one?');
    expect(system).toMatch(/rewrite/i);
    expect(user).toContain('Earlier answer: It describes gate valves and check valves.');
    expect(user.endsWith('Rewritten question:')).toBe(true);
    expect(cleanRewrite('Rewritten question: "What does the manual say about check valves?"\nextra', 'And the second one?', previous)).toBe('What does the manual say about check valves?');
    expect(cleanRewrite('  ', 'x', previous)).toBeNull();
    expect(cleanRewrite('a'.repeat(500), 'And the second one?', previous)).toBeNull();
  });

  it('refuses a "rewrite" that rambles off the subject (small models tell stories)', () => {
    const story = 'Lily and her mommy went to the park to play. They saw a big, red ball.';
    expect(cleanRewrite(story, 'And in winter?', 'How do I prime the pool pump?')).toBeNull();
    expect(cleanRewrite('How do I store the pool pump in winter?', 'And in winter?', 'How do I prime the pool pump?')).toBe('How do I store the pool pump in winter?');
    // It must keep the follow-up's own subject.
    expect(cleanRewrite('How do I prime the pool pump?', 'And in winter?', 'How do I prime the pool pump?')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { ChatMessageRecord, SourceRef } from '../storage/schema';
import { AnswerPrompter, type AnswerRequest } from './answer-prompter';

function source(chunkId: string, n: number): SourceRef {
  const text = `The passage ${chunkId} says something about volcanoes and their lava.`;
  return { n, chunkId, docId: 'doc', docName: 'volcanoes.txt', text, start: 0, end: text.length };
}

const CPU = { id: 'cpu-model', engine: 'wllama', contextLength: 4096 };
const GPU = { id: 'gpu-model', engine: 'webllm', contextLength: 4096 };
const ONNX = { id: 'onnx-model', engine: 'transformers', contextLength: 4096 };

function request(messages: ChatMessageRecord[], found: SourceRef[], model = CPU): AnswerRequest {
  return { conversationId: 'c1', messages, userIndex: messages.length - 1, found, model, maxAnswerTokens: 256 };
}

describe('AnswerPrompter', () => {
  it.each([CPU, ONNX])('continues the previous prompt of the conversation on a CPU engine ($engine), then falls back on a fresh one', (model) => {
    const prompter = new AnswerPrompter();
    const first = request([{ role: 'user', content: 'What is lava?' }], [source('a', 1), source('b', 2)], model);
    const [fresh] = [...prompter.attempts(first)];
    expect(fresh?.base).toBeUndefined();
    prompter.answered(first, fresh!, 'Molten rock [1].', { promptTokens: 400 });

    const messages: ChatMessageRecord[] = [...first.messages, { role: 'assistant', content: 'Molten rock [1].', status: 'done', kind: 'answer' }, { role: 'user', content: 'And ash?' }];
    const attempts = [...prompter.attempts(request(messages, [source('c', 1), source('a', 2)], model))];
    const [continued, afresh] = attempts;
    expect(continued?.messages.slice(0, 2)).toEqual(fresh?.messages);
    expect(continued?.messages[2]).toEqual({ role: 'assistant', content: 'Molten rock [1].' });
    expect(continued?.sources.map((s) => [s.chunkId, s.n])).toEqual([
      ['a', 1],
      ['c', 3],
    ]);
    // The fresh prompt numbers the passages from 1, with the earlier turn as a short history.
    expect(afresh?.base).toBeUndefined();
    expect(afresh?.sources.map((s) => [s.chunkId, s.n])).toEqual([
      ['c', 1],
      ['a', 2],
    ]);
    // Each further attempt is smaller, down to a last one under 200 characters of room.
    const sizes = attempts.slice(1).map((a) => a.messages.at(-1)?.content.length ?? 0);
    expect(sizes.length).toBeGreaterThan(2);
    expect(sizes.every((n, i) => i === 0 || n <= (sizes[i - 1] as number))).toBe(true);
  });

  it('does not continue on the GPU engine, for another answer than the one remembered, or after a delete', () => {
    const answeredBy = (model: typeof CPU) => {
      const prompter = new AnswerPrompter();
      const first = request([{ role: 'user', content: 'What is lava?' }], [source('a', 1)], model);
      prompter.answered(first, [...prompter.attempts(first)][0]!, 'Molten rock [1].', { promptTokens: 400 });
      return prompter;
    };
    const follow = (answer: string): ChatMessageRecord[] => [
      { role: 'user', content: 'What is lava?' },
      { role: 'assistant', content: answer, status: 'done', kind: 'answer' },
      { role: 'user', content: 'And ash?' },
    ];
    expect([...answeredBy(GPU).attempts(request(follow('Molten rock [1].'), [source('b', 1), source('a', 2)], GPU))][0]?.base).toBeUndefined();
    const prompter = answeredBy(CPU);
    expect([...prompter.attempts(request(follow('A regenerated answer.'), [source('b', 1), source('a', 2)]))][0]?.base).toBeUndefined();
    expect([...prompter.attempts(request(follow('Molten rock [1].'), [source('b', 1), source('a', 2)]))][0]?.base).toBeDefined();
    prompter.forgetDocument('doc');
    expect([...prompter.attempts(request(follow('Molten rock [1].'), [source('b', 1), source('a', 2)]))][0]?.base).toBeUndefined();
  });

  it('builds the prompt afresh when the continuation has no room for a passage the fresh prompt has', () => {
    const prompter = new AnswerPrompter();
    const small = { id: 'small-cpu', engine: 'wllama', contextLength: 1024 };
    const first = request([{ role: 'user', content: 'What is lava?' }], [source('a', 1)], small);
    const [fresh] = [...prompter.attempts(first)];
    const longAnswer = 'Molten rock, told at length. '.repeat(60);
    prompter.answered(first, fresh!, longAnswer, { promptTokens: 300 });
    const messages: ChatMessageRecord[] = [...first.messages, { role: 'assistant', content: longAnswer, status: 'done', kind: 'answer' }, { role: 'user', content: 'And ash?' }];
    // The old passage ranks first, the new one second: the previous prompt and its long answer leave no room for it.
    const [attempt] = [...prompter.attempts(request(messages, [source('a', 1), source('b', 2)], small))];
    expect(attempt?.base).toBeUndefined();
    expect(attempt?.sources.map((s) => s.chunkId)).toEqual(['a', 'b']);
  });

  it('does not continue a prompt the engine let go of, nor one whose new part is most of a fresh prompt', () => {
    const follow: ChatMessageRecord[] = [
      { role: 'user', content: 'What is lava?' },
      { role: 'assistant', content: 'Molten rock [1].', status: 'done', kind: 'answer' },
      { role: 'user', content: 'And ash?' },
    ];
    const first = request([follow[0]!], [source('a', 1), source('b', 2)]);
    const cleared = new AnswerPrompter();
    cleared.answered(first, [...cleared.attempts(first)][0]!, 'Molten rock [1].', { promptTokens: 400, cacheCleared: true });
    expect([...cleared.attempts(request(follow, [source('c', 1), source('a', 2)]))][0]?.base).toBeUndefined();

    const kept = new AnswerPrompter();
    kept.answered(first, [...kept.attempts(first)][0]!, 'Molten rock [1].', { promptTokens: 400 });
    // One new passage of two: continued. Two new of two: the new part is the whole fresh prompt, so afresh.
    expect([...kept.attempts(request(follow, [source('c', 1), source('a', 2)]))][0]?.base).toBeDefined();
    expect([...kept.attempts(request(follow, [source('c', 1), source('d', 2)]))][0]?.base).toBeUndefined();
  });

  it('budgets with the characters per token the engine reported', () => {
    const prompter = new AnswerPrompter();
    const long = Array.from({ length: 40 }, (_, i) => source(`p${i}`, i + 1));
    const req = request([{ role: 'user', content: 'What is lava?' }], long, { id: 'tiny', engine: 'webllm', contextLength: 2048 });
    const before = [...prompter.attempts(req)][0]!;
    // The engine counted one token per character: the next prompt must be about half as long.
    const chars = before.messages.reduce((n, m) => n + m.content.length, 0);
    prompter.answered(req, before, 'An answer.', { promptTokens: chars });
    const after = [...prompter.attempts(req)][0]!;
    expect(after.sources.length).toBeLessThan(before.sources.length);
  });
});

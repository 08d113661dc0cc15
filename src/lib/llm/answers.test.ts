import { describe, expect, it } from 'vitest';
import { PageHost } from '../rpc/page-host';
import type { LlmProtocol } from '../../../workers/llm.protocol';
import { routeAnswers } from './answers';

/** A generate handler that says who answered, streaming it as one token. */
function answerer(name: string) {
  return new PageHost<Pick<LlmProtocol, 'generate'>>({
    generate: async (_payload, { emit }) => {
      emit({ kind: 'token', text: name });
      return { text: name, finishReason: 'stop', stats: { promptTokens: 1, completionTokens: 1, firstTokenMs: 0, tokensPerSecond: 0 } };
    },
  });
}

describe('routeAnswers', () => {
  it('sends each generate call to the side that holds the chosen model, asked at each call', async () => {
    let onPage = false;
    const answers = routeAnswers(answerer('worker'), answerer('page'), () => onPage);
    const request = { messages: [{ role: 'user' as const, content: 'Q' }], maxTokens: 8, temperature: 0 };
    expect((await answers.call('generate', request)).text).toBe('worker');
    onPage = true;
    const tokens: string[] = [];
    expect((await answers.call('generate', request, { onEvent: (e) => tokens.push(e.text) })).text).toBe('page');
    expect(tokens).toEqual(['page']);
  });
});

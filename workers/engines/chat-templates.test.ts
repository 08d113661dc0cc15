/**
 * Hearth's prompt through the real chat templates of the catalog's model families, rendered by a
 * Jinja implementation (@huggingface/jinja, the one transformers.js uses) the way llama.cpp renders a
 * GGUF's template for wllama: with the variables the engine passes (chatTemplateKwargs). It shows
 * that thinking is off for the reasoning models and only for them, that each template ends a turn
 * with a token the engines stop at, and that what the templates put before the answer is taken out of
 * it (the answer the page shows, cites and stores).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Template } from '@huggingface/jinja';
import { describe, expect, it } from 'vitest';
import shipped from '../../models.json';
import { parseCatalog } from '../../src/lib/catalog/load';
import type { WllamaModel } from '../../src/lib/catalog/types';
import { answerMessages } from '../../src/lib/chat/llm-messages';
import { splitThinking } from '../../src/lib/chat/thinking';
import { SYSTEM_PROMPT } from '../../src/lib/core/prompt';
import type { ChatMessage } from '../llm.protocol';
import { FAMILIES, LLAMA_CPP_EOG_TEXTS, templateOf, type TemplateFamily } from './fixtures/chat-templates/families';
import { chatTemplateKwargs, THINKING_OFF, webLlmExtraBody } from './prompting';

const catalog = parseCatalog(shipped);
const EMPTY_THINKING = '<think>\n\n</think>\n\n';

/** Hearth's messages for a follow-up question: system rules, one earlier turn, numbered contexts. */
const messages: ChatMessage[] = answerMessages(
  'And how often does it erupt?',
  [
    { n: 1, title: 'volcanoes.txt · page 2', text: 'Etna, on Sicily, is one of the most active volcanoes in the world.' },
    { n: 2, title: 'volcanoes.txt · page 3', text: 'Etna erupts every few years; its last large eruption was in 2021.' },
  ],
  [{ question: 'Where is Etna?', answer: 'Etna is on Sicily.' }],
  4000,
).messages;
const QUESTION = messages[messages.length - 1]?.content as string;

function render(family: TemplateFamily, chat: ChatMessage[], vars: Record<string, unknown>, addGenerationPrompt = true): string {
  return new Template(templateOf(family)).render({
    messages: chat,
    add_generation_prompt: addGenerationPrompt,
    bos_token: family.bos_token,
    eos_token: family.eos_token,
    ...vars,
  });
}

/** A wllama record of the family (the catalog's, or one shaped like the ones issue 11 adds). */
function ggufOf(family: TemplateFamily): WllamaModel {
  const shippedRecord = catalog.models.find((m): m is WllamaModel => m.engine === 'wllama' && family.matches.test(`${m.id} ${m.repo}`));
  return shippedRecord ?? { ...(catalog.models.find((m) => m.engine === 'wllama') as WllamaModel), id: `${family.family}-GGUF`, repo: `example/${family.family}-GGUF`, name: family.family };
}

/** The token a template writes right after an assistant turn's text: where the model must stop. */
function endOfTurn(family: TemplateFamily): string {
  const marker = 'ANSWER-ENDS-HERE';
  const chat: ChatMessage[] = [{ role: 'user', content: 'Q?' }, { role: 'assistant', content: marker }];
  const out = render(family, chat, {}, false);
  return /^<[^>\s]+>|^\[[^\]\s]+\]/.exec(out.slice(out.indexOf(marker) + marker.length))?.[0] ?? '';
}

const templated = FAMILIES.filter((f) => !f.refusesStringSystem);

describe.each(templated.map((f) => [f.family, f] as const))('%s', (_name, family) => {
  const gguf = ggufOf(family);
  const vars = chatTemplateKwargs(gguf, templateOf(family)) ?? {};
  const prompt = render(family, messages, vars);

  it('takes Hearth’s messages as they are: system rules, the earlier turn, the contexts and the question', () => {
    expect(prompt).toContain(SYSTEM_PROMPT.split('\n')[0]);
    expect(prompt).toContain('Where is Etna?');
    expect(prompt).toContain('Etna is on Sicily.');
    expect(prompt).toContain(QUESTION.trim());
    // The system rules come first, the question last.
    expect(prompt.indexOf(SYSTEM_PROMPT.split('\n')[0] as string)).toBeLessThan(prompt.indexOf(QUESTION.trim()));
  });

  if (family.thinking) {
    it('gets its thinking switched off: the prompt ends in the empty thinking block', () => {
      expect(vars).toEqual(THINKING_OFF);
      expect(prompt.endsWith(`assistant\n${EMPTY_THINKING}`)).toBe(true);
      // Without the switch the model would think first (Qwen3.5's template even opens the block itself).
      expect(render(family, messages, {}).endsWith(EMPTY_THINKING)).toBe(false);
      // The earlier answer goes back without any thinking block: the only one is the empty one.
      expect(prompt.split('<think>').length - 1).toBe(1);
    });
  } else {
    it('has no thinking to switch off, and none is asked for', () => {
      expect(vars).toEqual({});
      expect(prompt).not.toContain('<think>');
      // Its template ignores the variable: asking would change nothing.
      expect(render(family, messages, THINKING_OFF)).toBe(prompt);
    });
  }

  it('ends a turn with a token both engines stop at', () => {
    const end = endOfTurn(family);
    expect(end).not.toBe('');
    // llama.cpp stops at the GGUF's EOS and at the turn-end tokens it knows by their text.
    expect(end === family.eos_token || LLAMA_CPP_EOG_TEXTS.has(end), `${end} is no end-of-generation token`).toBe(true);
    if (family.webllm) expect(family.webllm.stops, `web-llm ${family.webllm.convTemplate}`).toContain(end);
  });
});

describe('thinking-block stripping on real template output', () => {
  const qwen3 = FAMILIES.find((f) => f.family === 'Qwen3') as TemplateFamily;
  const qwen35 = FAMILIES.find((f) => f.family === 'Qwen3.5') as TemplateFamily;

  it('web-llm streams the same empty block the Qwen templates put in the prompt, and the answer shows without it', () => {
    const require = createRequire(import.meta.url);
    const webllm = readFileSync(require.resolve('@mlc-ai/web-llm'), 'utf8');
    expect(webllm).toContain('const emptyThinkingBlockStr = "<think>\\n\\n</think>\\n\\n";');
    const prefix = render(qwen3, messages, THINKING_OFF).split('<|im_start|>assistant\n').pop() as string;
    expect(prefix).toBe(EMPTY_THINKING);
    const out = splitThinking(`${prefix}Etna erupts every few years [2].`, { final: true });
    expect(out).toEqual({ answer: 'Etna erupts every few years [2].', thinking: '', open: false });
  });

  it('a reply continuing a prompt that opened the block (Qwen3.5, switch not honoured) loses its thinking too', () => {
    const opened = render(qwen35, messages, {});
    expect(opened.endsWith('<|im_start|>assistant\n<think>\n')).toBe(true);
    const continuation = 'The contexts say Etna erupts every few years.\n</think>\n\nEtna erupts every few years [2].';
    const out = splitThinking(continuation, { final: true });
    expect(out.answer).toBe('Etna erupts every few years [2].');
    expect(out.thinking).toBe('The contexts say Etna erupts every few years.');
  });

  it('a thinking block written back as the earlier answer is dropped by the Qwen3 template, as Hearth drops it', () => {
    // Were a raw reply ever sent back, the template itself would strip it from the history;
    // Hearth sends the answer alone (splitThinking), so the two prompts are the same.
    const raw = '<think>\nSicily is named in [1].\n</think>\n\nEtna is on Sicily.';
    const withRaw = messages.map((m) => (m.content === 'Etna is on Sicily.' ? { ...m, content: raw } : m));
    const answerOnly = messages.map((m) => (m.content === 'Etna is on Sicily.' ? { ...m, content: splitThinking(raw, { final: true }).answer } : m));
    expect(render(qwen3, withRaw, THINKING_OFF)).toBe(render(qwen3, answerOnly, THINKING_OFF));
  });
});

describe('templates that cannot take a system message as a string', () => {
  it.each(FAMILIES.filter((f) => f.refusesStringSystem).map((f) => [f.family, f] as const))('%s refuses Hearth’s system message', (_name, family) => {
    expect(() => render(family, messages, {})).toThrow(family.refusesStringSystem);
  });

  it('no GGUF in the catalog has such a template', () => {
    const refusing = FAMILIES.filter((f) => f.refusesStringSystem);
    const ggufs = catalog.models.filter((m) => m.engine === 'wllama');
    for (const family of refusing) expect(ggufs.filter((m) => family.matches.test(`${m.id} ${m.repo}`)).map((m) => m.id)).toEqual([]);
  });
});

describe('the catalog’s models', () => {
  it('every chat GGUF belongs to a family whose real template is tested here (the hidden test model has none)', () => {
    for (const model of catalog.models.filter((m): m is WllamaModel => m.engine === 'wllama')) {
      const family = templated.find((f) => f.matches.test(`${model.id} ${model.repo}`));
      expect(family !== undefined || model.hidden === true, `${model.id}: add its chat template to fixtures/chat-templates`).toBe(true);
    }
  });

  it('only the reasoning families get a thinking switch, on both engines', () => {
    for (const model of catalog.models) {
      if (model.kind !== 'llm') continue;
      const family = FAMILIES.find((f) => f.matches.test(`${model.id} ${model.repo}`));
      const expected = family?.thinking ? THINKING_OFF : undefined;
      if (model.engine === 'webllm') expect(webLlmExtraBody(model), model.id).toEqual(expected);
      else if (model.engine === 'wllama') expect(chatTemplateKwargs(model, family ? templateOf(family) : null), model.id).toEqual(expected);
    }
  });
});

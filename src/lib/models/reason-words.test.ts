import { describe, expect, it } from 'vitest';
import type { EmbedderReason, LlmReason } from '../device/reasons';
import { wordsFor } from '../i18n/all-catalogs';
import { embedderReasonText, llmReasonText } from './reason-words';

const en = wordsFor('en');
const de = wordsFor('de');
const fr = wordsFor('fr');

const gpu: LlmReason = {
  code: 'gpu',
  model: 'Qwen3 4B',
  memoryGB: 8,
  strength: { figure: { name: 'IFEval', value: 81.5 } },
  f32: true,
  language: { language: 'de', supported: true },
};
const cpu: LlmReason = { code: 'cpu', why: 'software', model: 'LFM2 700M', memoryGB: null, engine: 'transformers', strength: null, language: { language: 'ja', supported: false } };

describe('why an answer model, in words', () => {
  it('English: the facts of a GPU pick, in the sentence the recommendation always said', () => {
    expect(llmReasonText(en, gpu)).toBe(
      'Hearth picked Qwen3 4B for this GPU and 8 GB of memory: the strongest model that fits here (instruction following: IFEval 81.5); the GPU lacks shader-f16, so it is an f32 build; it supports German.',
    );
  });

  it('German: the same facts in German, numbers and language names the German way', () => {
    expect(llmReasonText(de, gpu)).toBe(
      'Hearth hat Qwen3 4B für diesen Grafikchip und 8 GB Arbeitsspeicher gewählt: das stärkste Modell, das hier passt (Befolgen von Anweisungen: IFEval 81,5); dem Grafikchip fehlt shader-f16, daher ist es eine f32-Version; es beherrscht Deutsch.',
    );
  });

  it('a CPU pick names why not the GPU, the faster engine, an unknown memory and a language it lacks', () => {
    expect(llmReasonText(en, cpu)).toBe(
      "This device's WebGPU is a software renderer, far too slow for a language model, so Hearth runs LFM2 700M on the CPU on ONNX Runtime, the faster CPU engine for it here (an unknown amount of memory); no model that fits here supports Japanese, so answers may come in English.",
    );
    // French writes language names in lower case inside a sentence.
    expect(llmReasonText(fr, cpu)).toContain('ne parle japonais');
    expect(llmReasonText(fr, cpu)).toMatch(/^Le WebGPU de cet appareil est un rendu logiciel/);
  });

  it('a choice, a choice the catalog lost, and a fallback after a failed start', () => {
    expect(llmReasonText(en, { code: 'chosen' })).toBe('Your choice.');
    expect(llmReasonText(de, { code: 'gone', chosenId: 'old-model', then: { code: 'chosen' } })).toBe('Das zuvor gewählte Modell (old-model) ist nicht mehr im Katalog. Ihre Wahl.');
    const fallback: LlmReason = { code: 'fallback', from: 'A', to: 'B', error: { code: 'OUT_OF_MEMORY', message: 'written for the occasion' } };
    expect(llmReasonText(en, fallback)).toBe('A did not start here (written for the occasion), so Hearth runs B instead.');
  });

  it("the browser's own model, with the person's language", () => {
    const builtIn: LlmReason = { code: 'built-in', own: 'SmolLM2 360M', language: 'es' };
    expect(llmReasonText(en, builtIn)).toContain('(nothing to download), supports Spanish and runs natively');
    expect(llmReasonText(wordsFor('es'), builtIn)).toContain('(nada que descargar), habla español y se ejecuta');
  });
});

describe('why an embedding model, in words', () => {
  const reads: EmbedderReason = { code: 'reads', model: 'e5-small', because: { kind: 'documents', language: 'de', documents: 3 }, other: 'MiniLM', englishOnly: true, language: 'de' };

  it('English and German: the deciding language and the other model', () => {
    expect(embedderReasonText(en, reads)).toBe('Hearth recommends e5-small because 3 of your documents are in German; MiniLM reads English only.');
    expect(embedderReasonText(de, reads)).toBe('Hearth empfiehlt e5-small, weil 3 Ihrer Dokumente auf Deutsch sind; MiniLM liest nur Englisch.');
  });

  it('a reader too big for the device, with and without its memory known', () => {
    const tooBig: EmbedderReason = { code: 'too-big', model: 'MiniLM', reader: 'e5-small', readerMemoryMB: 300, deviceMemoryGB: 0.5, language: 'fr' };
    expect(embedderReasonText(en, tooBig)).toBe(
      'e5-small reads French, but it needs about 300 MB, which this device (0.5 GB) cannot spare: Hearth uses MiniLM, so passages in French are found by their words rather than by their meaning.',
    );
    expect(embedderReasonText(fr, { ...tooBig, deviceMemoryGB: null })).toBe(
      'e5-small lit le français, mais il lui faut environ 300 Mo, que cet appareil n’a peut-être pas : Hearth utilise MiniLM, les passages en français sont donc trouvés par leurs mots plutôt que par leur sens.',
    );
  });

  it('the default for an English reader is also the smallest download', () => {
    expect(embedderReasonText(en, { code: 'default', model: 'MiniLM', because: { kind: 'english' } })).toBe('Hearth uses MiniLM because your browser and your documents are in English, and it is the smallest download.');
    expect(embedderReasonText(de, { code: 'default', model: 'e5', because: { kind: 'browser', language: 'de' } })).toBe('Hearth verwendet e5, weil Ihr Browser auf Deutsch eingestellt ist.');
  });
});

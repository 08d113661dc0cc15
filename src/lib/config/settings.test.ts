import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, inRange, readSettings, SAMPLING_LIMITS, validUrlOrNull, writeSettings } from './settings';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe('settings', () => {
  it('round-trips and falls back to defaults for missing or bad values', () => {
    const storage = memoryStorage();
    expect(readSettings(storage)).toEqual(DEFAULT_SETTINGS);
    const custom = { catalogUrl: 'https://m.example/models.json', modelBaseUrl: null, llmId: 'x', embedderId: 'multilingual-e5-small', topK: 6, rerank: 'on' as const, temperature: 0, topP: 0.5, maxAnswerTokens: 100 };
    writeSettings(custom, storage);
    expect(readSettings(storage)).toEqual(custom);
    storage.setItem('hearth.settings', '{"temperature": -1, "topP": 3, "maxAnswerTokens": "many"}');
    expect(readSettings(storage)).toEqual(DEFAULT_SETTINGS);
    storage.setItem('hearth.settings', '{"topK": 99, "catalogUrl": 5}');
    expect(readSettings(storage)).toEqual(DEFAULT_SETTINGS);
    storage.setItem('hearth.settings', 'not json');
    expect(readSettings(storage)).toEqual(DEFAULT_SETTINGS);
  });

  it('accepts only http(s) URLs', () => {
    expect(validUrlOrNull(' https://mirror.example/models ')).toBe('https://mirror.example/models');
    expect(validUrlOrNull('javascript:alert(1)')).toBeNull();
    expect(validUrlOrNull('file:///etc/passwd')).toBeNull();
    expect(validUrlOrNull('')).toBeNull();
  });
});

describe('SAMPLING_LIMITS', () => {
  it('accepts exactly what is read back: every value the dialog allows survives a save and a read', () => {
    const storage = memoryStorage();
    for (const [key, { min, max }] of Object.entries(SAMPLING_LIMITS)) {
      for (const value of [min, max]) {
        expect(inRange(value, SAMPLING_LIMITS[key as keyof typeof SAMPLING_LIMITS])).toBe(value);
        writeSettings({ ...DEFAULT_SETTINGS, [key]: value }, storage);
        expect(readSettings(storage)[key as keyof typeof SAMPLING_LIMITS]).toBe(value);
      }
    }
    expect(inRange(0.01, SAMPLING_LIMITS.topP)).toBeNull();
  });
});

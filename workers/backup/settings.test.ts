import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/lib/config/settings';
import { settingsDiffer, settingsFromBackup, settingsToApply, shareableSettings } from './settings';

const SECRET = 'https://kim:hunter2@mirror.example.org/models/?token=abc#frag';

describe('settings in a backup', () => {
  it('keeps URLs without user names, passwords, queries or fragments, and drops URLs that are not http(s)', () => {
    expect(shareableSettings({ ...DEFAULT_SETTINGS, modelBaseUrl: SECRET, catalogUrl: 'javascript:alert(1)' })).toMatchObject({ modelBaseUrl: 'https://mirror.example.org/models/', catalogUrl: null });
  });

  it('applies the app’s own ranges to what it reads back', () => {
    expect(settingsFromBackup({ topK: 99, temperature: 1.5, rerank: 'on' })).toEqual({ ...DEFAULT_SETTINGS, temperature: 1.5, rerank: 'on' });
  });

  it('offers a backup’s settings only when they differ, and keeps the current token when applying the same URL', () => {
    const current = { ...DEFAULT_SETTINGS, modelBaseUrl: SECRET };
    const fromBackup = shareableSettings(current);
    expect(settingsDiffer(current, fromBackup)).toBe(false);
    expect(settingsDiffer(current, { ...fromBackup, topK: 8 })).toBe(true);
    expect(settingsToApply(current, { ...fromBackup, topK: 8 })).toEqual({ ...current, topK: 8 });
    expect(settingsToApply(current, { ...fromBackup, modelBaseUrl: 'https://other.example.org/' }).modelBaseUrl).toBe('https://other.example.org/');
  });
});

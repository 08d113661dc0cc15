import { describe, expect, it } from 'vitest';
import { wordsFor } from '../i18n/all-catalogs';
import { askToPersist, describeSpace, estimateSpace, persistenceText, readPersistence } from './persistence';

const en = wordsFor('en');

describe('persistence', () => {
  it('reads what the browser says, and "unsupported" when it cannot say', async () => {
    expect(await readPersistence({ persisted: async () => true })).toBe('kept');
    expect(await readPersistence({ persisted: async () => false })).toBe('may-clear');
    expect(await readPersistence({})).toBe('unsupported');
    expect(await readPersistence(undefined)).toBe('unsupported');
    expect(await readPersistence({ persisted: () => Promise.reject(new Error('no')) })).toBe('unsupported');
  });

  it('asks, and a refusal or a failure reads as "may clear"', async () => {
    expect(await askToPersist({ persist: async () => true })).toBe('kept');
    expect(await askToPersist({ persist: async () => false })).toBe('may-clear');
    expect(await askToPersist({ persist: () => Promise.reject(new Error('no')) })).toBe('may-clear');
    expect(await askToPersist({})).toBe('unsupported');
  });
});

describe('space', () => {
  it('is estimated in bytes, or not at all', async () => {
    expect(await estimateSpace({ estimate: async () => ({ usage: 5, quota: 10 }) })).toEqual({ usage: 5, quota: 10 });
    expect(await estimateSpace({ estimate: async () => ({}) })).toBeNull();
    expect(await estimateSpace({})).toBeNull();
  });

  it('is told in words', () => {
    expect(describeSpace(en, { usage: 12 * 1024 * 1024, quota: 10 * 1024 ** 3 })).toBe('Hearth uses 12 MB of the 10 GB this browser lets it have.');
    expect(describeSpace(en, { usage: 0, quota: 0 })).toBe('Hearth uses 0 B.');
    expect(describeSpace(wordsFor('fr'), { usage: 12 * 1024 * 1024, quota: 10 * 1024 ** 3 })).toBe('Hearth utilise 12 Mo sur les 10 Go que ce navigateur lui accorde.');
    expect(persistenceText(en, 'kept')).toBe('Kept on this device until you delete it.');
    expect(persistenceText(wordsFor('de'), 'may-clear')).toBe('Ihr Browser kann dies löschen, wenn auf dem Gerät der Platz knapp wird.');
  });
});

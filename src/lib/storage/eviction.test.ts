import { describe, expect, it } from 'vitest';
import { wordsFor } from '../i18n/all-catalogs';
import {
  LOSS_KEY,
  MARKER_KEY,
  describeCounts,
  detectLoss,
  forgetLoss,
  lossReason,
  readLoss,
  readMarker,
  writeLoss,
  writeMarker,
  type MarkerStorage,
} from './eviction';

/** localStorage as a Map; `refuse` makes every write throw, as a full or disabled localStorage does. */
function memoryStorage(refuse = false): MarkerStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      if (refuse) throw new DOMException('full', 'QuotaExceededError');
      items.set(key, value);
    },
    removeItem: (key) => void items.delete(key),
  };
}

describe('the library marker', () => {
  it('round-trips counts, time and persistence, and holds nothing else', () => {
    const storage = memoryStorage();
    writeMarker(storage, { documents: 3, conversations: 2 }, false, 1_700_000_000_000);
    expect(readMarker(storage)).toEqual({ documents: 3, conversations: 2, updatedAt: 1_700_000_000_000, persisted: false });
    expect(Object.keys(JSON.parse(storage.items.get(MARKER_KEY) ?? '{}')).sort()).toEqual(['conversations', 'documents', 'persisted', 'updatedAt']);
  });

  it('ignores a missing, damaged or foreign value', () => {
    const storage = memoryStorage();
    expect(readMarker(storage)).toBeNull();
    for (const raw of ['{', '[]', 'null', '"x"', JSON.stringify({ documents: -1, conversations: 0, updatedAt: 1 }), JSON.stringify({ documents: 1.5, conversations: 0, updatedAt: 1 }), JSON.stringify({ documents: 1, conversations: 0 })]) {
      storage.items.set(MARKER_KEY, raw);
      expect(readMarker(storage)).toBeNull();
    }
  });

  it('a storage that refuses writes is no failure', () => {
    const storage = memoryStorage(true);
    expect(() => writeMarker(storage, { documents: 1, conversations: 0 }, false, 1)).not.toThrow();
    expect(readMarker(storage)).toBeNull();
  });
});

describe('detectLoss', () => {
  const marker = { documents: 1, conversations: 1, updatedAt: 100, persisted: false };

  it('finds a loss when the marker names documents or conversations and the stores are empty', () => {
    expect(detectLoss(marker, { documents: 0, conversations: 0 }, 500)).toEqual({ documents: 1, conversations: 1, lastSeenAt: 100, noticedAt: 500, wasPersisted: false });
    expect(detectLoss({ ...marker, documents: 0 }, { documents: 0, conversations: 0 }, 500)?.conversations).toBe(1);
  });

  it('finds none without a marker, with an empty marker, or with anything still stored', () => {
    expect(detectLoss(null, { documents: 0, conversations: 0 }, 500)).toBeNull();
    expect(detectLoss({ ...marker, documents: 0, conversations: 0 }, { documents: 0, conversations: 0 }, 500)).toBeNull();
    expect(detectLoss(marker, { documents: 1, conversations: 0 }, 500)).toBeNull();
    expect(detectLoss(marker, { documents: 0, conversations: 3 }, 500)).toBeNull();
  });
});

describe('a noticed loss', () => {
  it('is kept until forgotten', () => {
    const storage = memoryStorage();
    const loss = { documents: 2, conversations: 0, lastSeenAt: 1, noticedAt: 2, wasPersisted: true };
    writeLoss(storage, loss);
    expect(readLoss(storage)).toEqual(loss);
    forgetLoss(storage);
    expect(readLoss(storage)).toBeNull();
    expect(storage.items.has(LOSS_KEY)).toBe(false);
  });

  it('is told in words: what is gone and why', () => {
    const en = wordsFor('en');
    expect(describeCounts(en, { documents: 1, conversations: 1 })).toBe('1 document and 1 conversation');
    expect(describeCounts(en, { documents: 3, conversations: 0 })).toBe('3 documents');
    expect(describeCounts(en, { documents: 0, conversations: 2 })).toBe('2 conversations');
    expect(lossReason(en, { wasPersisted: false })).toMatch(/to free up space.*not marked to be kept/);
    expect(lossReason(en, { wasPersisted: true })).not.toMatch(/not marked/);
    expect(describeCounts(wordsFor('es'), { documents: 1, conversations: 2 })).toBe('1 documento y 2 conversaciones');
    expect(lossReason(wordsFor('de'), { wasPersisted: false })).toMatch(/^Ihr Browser hat Hearths Speicher gelöscht/);
  });
});

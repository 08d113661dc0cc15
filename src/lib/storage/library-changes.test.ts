import { describe, expect, it } from 'vitest';
import { asLibraryChange } from './library-changes';

describe('asLibraryChange', () => {
  it('takes the three kinds of change, as sent', () => {
    expect(asLibraryChange({ kind: 'documents', added: ['a'], removed: [] })).toEqual({ kind: 'documents', added: ['a'], removed: [] });
    expect(asLibraryChange({ kind: 'conversations', id: 'c' })).toEqual({ kind: 'conversations', id: 'c' });
    expect(asLibraryChange({ kind: 'embedder', embedderId: 'multilingual-e5-small', extra: 1 })).toEqual({ kind: 'embedder', embedderId: 'multilingual-e5-small' });
  });

  it('drops anything else another script of the origin might post', () => {
    expect(asLibraryChange({ kind: 'embedder' })).toBeNull();
    expect(asLibraryChange({ kind: 'embedder', embedderId: '' })).toBeNull();
    expect(asLibraryChange({ kind: 'embedder', embedderId: 7 })).toBeNull();
    expect(asLibraryChange({ kind: 'documents', added: 'a', removed: [] })).toBeNull();
    expect(asLibraryChange('embedder')).toBeNull();
    expect(asLibraryChange(null)).toBeNull();
  });
});

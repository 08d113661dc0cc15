import { describe, expect, it } from 'vitest';
import { wordsFor } from '../i18n/all-catalogs';
import { stageLabel as label } from './stage-label';

const stageLabel = (v: Parameters<typeof label>[1]) => label(wordsFor('en'), v);

describe('stageLabel', () => {
  it('names the page being read and the time left', () => {
    expect(stageLabel({ stage: 'reading', done: 39, total: 352, unit: 'page', secondsLeft: 75 })).toBe('Reading page 40 of 352 · about 1 min 15 s left');
  });
  it('counts passages while indexing and leaves out a time it cannot tell', () => {
    expect(stageLabel({ stage: 'embedding', done: 16, total: 120, unit: 'passage', secondsLeft: null })).toBe('Indexing passage 17 of 120');
  });
  it('speaks the reader\'s language, durations included', () => {
    expect(label(wordsFor('de'), { stage: 'reading', done: 39, total: 352, unit: 'page', secondsLeft: 75 })).toBe('Seite 40 von 352 wird gelesen · noch etwa 1 Min. 15 s');
    expect(label(wordsFor('es'), { stage: 'chunking', done: 0, total: 1, unit: 'part', secondsLeft: null })).toBe('Dividiendo en pasajes');
  });
  it('never counts past the total, and says nothing about time for a file that waits', () => {
    expect(stageLabel({ stage: 'embedding', done: 120, total: 120, unit: 'passage', secondsLeft: 0 })).toBe('Indexing passage 120 of 120');
    expect(stageLabel({ stage: 'waiting', done: 0, total: 1, unit: 'part', secondsLeft: 30 })).toBe('Waiting for the file before it');
  });
});

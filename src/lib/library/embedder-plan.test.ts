import { describe, expect, it } from 'vitest';
import shipped from '../../../models.json';
import { parseCatalog } from '../catalog/load';
import { recommendEmbedder } from '../device/recommend-embedder';
import { libraryEmbedderId, needsReembed, planEmbedder } from './embedder-plan';

const catalog = parseCatalog(shipped);
const device = { deviceMemoryGB: 8 };
const german = recommendEmbedder(catalog, device, { browserLanguage: 'de-DE' });
const english = recommendEmbedder(catalog, device, { browserLanguage: 'en-US' });
const doc = (embedderId: string, chunkCount = 10) => ({ embedderId, chunkCount });

describe('planEmbedder', () => {
  it('starts an empty library with the recommendation (multilingual for a German browser)', () => {
    const plan = planEmbedder(catalog, [], null, german);
    expect(plan.active.id).toBe('multilingual-e5-small');
    expect(plan.target.id).toBe('multilingual-e5-small');
    expect(plan.offer).toBe(false);
    expect(needsReembed(plan, [])).toBe(false);
  });

  it('starts an empty library with the person’s choice over the recommendation', () => {
    expect(planEmbedder(catalog, [], 'all-MiniLM-L6-v2', german).active.id).toBe('all-MiniLM-L6-v2');
  });

  it('keeps searching an existing library with the model of its vectors, and offers the recommendation instead of imposing it', () => {
    const docs = [doc('all-MiniLM-L6-v2')];
    const plan = planEmbedder(catalog, docs, null, german);
    expect(plan.active.id).toBe('all-MiniLM-L6-v2');
    expect(plan.target.id).toBe('all-MiniLM-L6-v2');
    expect(plan.offer).toBe(true);
    expect(needsReembed(plan, docs)).toBe(false);
    // An English person on the English model is offered nothing.
    expect(planEmbedder(catalog, docs, null, english).offer).toBe(false);
  });

  it('brings the library to the person’s choice, searching with the old model until then', () => {
    const docs = [doc('all-MiniLM-L6-v2'), doc('all-MiniLM-L6-v2')];
    const plan = planEmbedder(catalog, docs, 'multilingual-e5-small', english);
    expect(plan.active.id).toBe('all-MiniLM-L6-v2');
    expect(plan.target.id).toBe('multilingual-e5-small');
    expect(plan.offer).toBe(false);
    expect(needsReembed(plan, docs)).toBe(true);
  });

  it('after a switch, catches up a document stored with the old model meanwhile', () => {
    const docs = [doc('multilingual-e5-small', 900), doc('all-MiniLM-L6-v2', 3)];
    const plan = planEmbedder(catalog, docs, 'multilingual-e5-small', german);
    expect(plan.active.id).toBe('multilingual-e5-small');
    expect(needsReembed(plan, docs)).toBe(true);
  });

  it('a library whose model left the catalog is embedded with the chosen or recommended one, and says which it was', () => {
    const docs = [doc('retired-model')];
    const plan = planEmbedder(catalog, docs, null, german);
    expect(plan.missing).toBe('retired-model');
    expect(plan.active.id).toBe('multilingual-e5-small');
    expect(needsReembed(plan, docs)).toBe(true);
    expect(plan.offer).toBe(false);
  });

  it('ignores a choice the catalog does not have', () => {
    const plan = planEmbedder(catalog, [doc('all-MiniLM-L6-v2')], 'gone', english);
    expect(plan.target.id).toBe('all-MiniLM-L6-v2');
  });
});

describe('libraryEmbedderId', () => {
  it('is the embedder most passages come from', () => {
    expect(libraryEmbedderId([doc('a', 5), doc('b', 2), doc('b', 2)])).toBe('a');
    expect(libraryEmbedderId([])).toBeNull();
  });
});

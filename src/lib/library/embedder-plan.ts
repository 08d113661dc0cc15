/**
 * Which embedder the library searches with now, and which one it should be brought to: a pure
 * function of the catalog, the stored documents and the person's choice, so the rules are tested
 * without a browser.
 *
 * - Search uses the embedder the library's vectors come from (the one most passages were embedded
 *   with), as long as the catalog still has it: its vectors are only comparable with its own
 *   questions. An empty library starts with the person's choice, or else the recommendation.
 * - The library is brought to the person's choice when they made one; otherwise it stays as it is,
 *   and a better-suited recommendation is offered rather than imposed (it means embedding every
 *   passage again). Documents stored with another embedder (one added while the library switched)
 *   are brought to it as well.
 * - A library whose embedder left the catalog is searched by its words only until it has been
 *   embedded with the chosen or recommended one.
 */
import type { Catalog, EmbedderModel } from '../catalog/types';
import type { EmbedderRecommendation } from '../device/recommend-embedder';
import type { DocumentRecord } from '../storage/schema';

export interface EmbedderPlan {
  /** What search and new files use now. */
  active: EmbedderModel;
  /** What every document should be embedded with; when some are not, the library is embedded again. */
  target: EmbedderModel;
  recommendation: EmbedderRecommendation;
  /** Offer the recommendation: the person chose nothing and the library is on another embedder. */
  offer: boolean;
  /** The id of the library's embedder when the catalog no longer has it (search by words until switched). */
  missing: string | null;
}

/** The embedder most of these documents' passages were embedded with, or null for none. */
export function libraryEmbedderId(docs: readonly Pick<DocumentRecord, 'embedderId' | 'chunkCount'>[]): string | null {
  const passages = new Map<string, number>();
  for (const d of docs) if (d.embedderId) passages.set(d.embedderId, (passages.get(d.embedderId) ?? 0) + d.chunkCount);
  return [...passages.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export function embedderOf(catalog: Catalog, id: string | null): EmbedderModel | undefined {
  return id ? catalog.models.find((m): m is EmbedderModel => m.kind === 'embedder' && m.id === id) : undefined;
}

export function planEmbedder(
  catalog: Catalog,
  docs: readonly Pick<DocumentRecord, 'embedderId' | 'chunkCount'>[],
  chosenId: string | null,
  recommendation: EmbedderRecommendation,
): EmbedderPlan {
  const chosen = embedderOf(catalog, chosenId);
  const libraryId = libraryEmbedderId(docs);
  const library = embedderOf(catalog, libraryId);
  const active = library ?? chosen ?? recommendation.model;
  const target = chosen ?? active;
  return {
    active,
    target,
    recommendation,
    offer: !chosen && !!library && recommendation.model.id !== library.id,
    missing: libraryId && !library ? libraryId : null,
  };
}

/** Some document is not on the plan's target: the library must be embedded again (or caught up). */
export function needsReembed(plan: EmbedderPlan, docs: readonly Pick<DocumentRecord, 'embedderId'>[]): boolean {
  return docs.some((d) => d.embedderId !== plan.target.id);
}

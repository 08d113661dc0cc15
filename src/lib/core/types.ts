/** Shapes shared by every module of the retrieval core. */

/** A search hit: the caller's id and a score where larger means more relevant. */
export interface Scored {
  id: string;
  score: number;
}

/** One chunk of a document; `start`/`end` are character offsets so citations can point back into the text. */
export interface ChunkSpan {
  index: number;
  text: string;
  start: number;
  end: number;
}

/** Anything that can answer a top-k query with an optional id filter (used by hybrid search). */
export interface TextSearcher {
  search(query: string, k: number, filter?: (id: string) => boolean): Scored[];
}

export interface VectorSearcher {
  search(query: Float32Array, k: number, filter?: (id: string) => boolean): Scored[];
}

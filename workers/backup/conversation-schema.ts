/**
 * The shape of conversations.json in a backup: ConversationRecord (src/lib/storage/schema.ts) as a
 * valibot schema. Every field Hearth knows is checked; a field it does not know (written by a newer
 * Hearth) is kept as it is rather than dropped, so restoring never loses what a person had.
 */
import * as v from 'valibot';

const nonNegative = v.pipe(v.number(), v.integer(), v.minValue(0));
const pageNumber = v.pipe(v.number(), v.integer(), v.minValue(1));

const SourceSchema = v.looseObject({
  n: v.pipe(v.number(), v.integer()),
  chunkId: v.string(),
  docId: v.string(),
  docName: v.string(),
  text: v.string(),
  start: nonNegative,
  end: nonNegative,
  page: v.optional(pageNumber),
  pageEnd: v.optional(pageNumber),
  headingPath: v.optional(v.array(v.string())),
});

const MessageSchema = v.looseObject({
  role: v.picklist(['user', 'assistant']),
  content: v.string(),
  thinking: v.optional(v.string()),
  sources: v.optional(v.array(SourceSchema)),
  kind: v.optional(v.picklist(['answer', 'extracts', 'not-found'])),
  extracts: v.optional(v.array(v.looseObject({ n: v.pipe(v.number(), v.integer()), text: v.string() }))),
  dontKnow: v.optional(v.boolean()),
  searchQuery: v.optional(v.string()),
  reranked: v.optional(v.boolean()),
  status: v.optional(v.picklist(['done', 'stopped', 'error'])),
  error: v.optional(v.looseObject({ code: v.string(), message: v.string() })),
  stats: v.optional(v.looseObject({ firstTokenMs: v.number(), tokensPerSecond: v.number(), completionTokens: v.number() })),
});

export const ConversationsSchema = v.array(
  v.looseObject({
    id: v.pipe(v.string(), v.minLength(1)),
    title: v.string(),
    updatedAt: v.pipe(v.number(), v.finite()),
    messages: v.array(MessageSchema),
  }),
);

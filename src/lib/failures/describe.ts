/**
 * What a failure means for the person: which part of Hearth failed (the embedding model, the
 * language model, the model catalog, the storage), why in plain words (offline, the source did not
 * answer, files not found, refused, no space, no memory, the GPU, damaged files), and what fixes it
 * (retry in place, a smaller or other model, free space, the settings). Pure: the error code, its
 * detail and whether the browser is online in, a description out; the words are in the message
 * catalog (area `failures`), picked by the component that shows it.
 */
import type { ErrorCode } from '../errors';

export type FailedPart = 'embedder' | 'llm' | 'catalog' | 'storage';
export type FailureReason = 'offline' | 'unreachable' | 'not-found' | 'blocked' | 'no-space' | 'memory' | 'gpu' | 'broken' | 'unknown';
export type FailureAction = 'retry' | 'smaller-model' | 'other-model' | 'free-space' | 'settings';

export interface FailureInput {
  part: FailedPart;
  /** The model's name as the catalog gives it (empty for the catalog and the storage). */
  name: string;
  code: ErrorCode;
  /** The error's detail (a URL and an HTTP status, a runtime's message), if any. */
  detail?: string | undefined;
  /** `navigator.onLine`. */
  online: boolean;
  /** Where the files come from (the model source or the catalog URL), when the detail names no address. */
  source?: string | undefined;
}

export interface Failure {
  part: FailedPart;
  name: string;
  code: ErrorCode;
  reason: FailureReason;
  /** The fixes to offer, the most likely first. */
  actions: FailureAction[];
  /** The host the download came from ("models.example.org"), or null when unknown. */
  host: string | null;
}

/** Codes that come from the network, so being offline explains them. */
const NETWORK: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['MODEL_DOWNLOAD_FAILED', 'MODEL_FILE_NOT_FOUND', 'CATALOG_UNREACHABLE', 'MODEL_LOAD_FAILED', 'INTERNAL']);

const BY_CODE: Partial<Record<ErrorCode, FailureReason>> = {
  STORAGE_FULL: 'no-space',
  OFFLINE_CACHE_FULL: 'no-space',
  OUT_OF_MEMORY: 'memory',
  WEBGPU_UNAVAILABLE: 'gpu',
  SHADER_F16_UNSUPPORTED: 'gpu',
  DEVICE_LOST: 'gpu',
  MODEL_FILE_NOT_FOUND: 'not-found',
  MODEL_DOWNLOAD_FAILED: 'unreachable',
  CATALOG_UNREACHABLE: 'unreachable',
  CATALOG_INVALID: 'broken',
  MODEL_LOAD_FAILED: 'broken',
  STORAGE_FAILED: 'broken',
};

/** An HTTP status that means "not allowed" rather than "not there" or "down". */
const REFUSED_STATUS = /\b(?:HTTP|status)\s*(?:401|403|451)\b/i;

export function failureReason(input: Pick<FailureInput, 'code' | 'detail' | 'online'>): FailureReason {
  if (!input.online && NETWORK.has(input.code)) return 'offline';
  if ((input.code === 'MODEL_FILE_NOT_FOUND' || input.code === 'MODEL_DOWNLOAD_FAILED' || input.code === 'CATALOG_UNREACHABLE') && REFUSED_STATUS.test(input.detail ?? '')) return 'blocked';
  if (/QuotaExceeded/i.test(input.detail ?? '')) return 'no-space';
  return BY_CODE[input.code] ?? 'unknown';
}

/** The fixes for a reason, for this part (a language model can be swapped for another; a catalog only fixed in Settings). */
export function failureActions(part: FailedPart, reason: FailureReason): FailureAction[] {
  const model = part === 'llm' ? (['smaller-model'] as const) : [];
  switch (reason) {
    case 'offline':
      return ['retry'];
    case 'unreachable':
      return ['retry', 'settings'];
    case 'not-found':
    case 'blocked':
      return part === 'llm' ? ['other-model', 'settings', 'retry'] : ['settings', 'retry'];
    case 'no-space':
      return ['free-space', ...model, 'retry'];
    case 'memory':
    case 'gpu':
      return part === 'llm' ? ['smaller-model'] : ['retry'];
    case 'broken':
      if (part === 'storage') return ['retry'];
      return part === 'catalog' ? ['settings', 'retry'] : part === 'llm' ? ['retry', 'other-model'] : ['retry', 'settings'];
    case 'unknown':
      return ['retry'];
  }
}

/** The host of the first address in the detail, else of `source`. */
export function failureHost(detail: string | undefined, source: string | undefined): string | null {
  for (const text of [detail, source]) {
    const url = text?.match(/https?:\/\/[^\s"'<>]+/)?.[0];
    if (!url) continue;
    try {
      return new URL(url).host;
    } catch {
      // not an address after all: try the next
    }
  }
  return null;
}

export function describeFailure(input: FailureInput): Failure {
  const reason = failureReason(input);
  return { part: input.part, name: input.name, code: input.code, reason, actions: failureActions(input.part, reason), host: failureHost(input.detail, input.source) };
}

/** Which part an error at the library's start belongs to: reading the stored documents, or else the embedding model it loads. */
export function libraryPart(code: ErrorCode): FailedPart {
  // (a full disk while its files are stored is the model's failure: it is what needs the room)
  return code === 'STORAGE_FAILED' ? 'storage' : 'embedder';
}

/**
 * Resume planning for one file download, as pure functions of what is on disk and what the server
 * answered. A partial file is only continued when the server proves it is sending the same file
 * from the right byte (206, matching Content-Range start, same ETag and size); anything else starts over.
 */

/** What we keep beside a partial file: enough to tell whether the server still has the same file. */
export interface PartialRecord {
  url: string;
  /** The server's ETag when the download started (null when it sent none). */
  etag: string | null;
  /** Full size of the file (null when the server did not say). */
  totalBytes: number | null;
}

/** The parts of a response that decide what to do with its body. */
export interface ResponseFacts {
  status: number;
  etag: string | null;
  contentRange: string | null;
  contentLength: number | null;
}

export type WritePlan =
  /** Append the body to the partial file, which already holds `from` bytes. */
  | { kind: 'append'; from: number; totalBytes: number | null }
  /** The body is the whole file from byte 0: truncate the partial file and write it. */
  | { kind: 'restart'; totalBytes: number | null }
  /** The partial file cannot be continued with this response: delete it and ask again from byte 0. */
  | { kind: 'refetch'; reason: string };

/**
 * The byte to ask the server for, given the partial file on disk: its length when the record says
 * it belongs to this URL and is not longer than the file, else 0 (start over).
 */
export function rangeStartFor(record: PartialRecord | null, url: string, partialBytes: number): number {
  if (!record || record.url !== url || partialBytes <= 0) return 0;
  if (record.totalBytes !== null && partialBytes > record.totalBytes) return 0;
  return partialBytes;
}

/** True when the partial file already holds every byte (a download that ended before it was renamed). */
export function isPartialComplete(record: PartialRecord | null, partialBytes: number): boolean {
  return record !== null && record.totalBytes !== null && record.totalBytes > 0 && partialBytes === record.totalBytes;
}

/** `bytes 100-199/1000` → {start 100, end 199, total 1000}; `bytes 100-199/*` has total null. */
export function parseContentRange(value: string | null): { start: number; end: number; total: number | null } | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value?.trim() ?? '');
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  const total = match[3] === '*' ? null : Number(match[3]);
  if (end < start || (total !== null && end >= total)) return null;
  return { start, end, total };
}

/**
 * Decide what to do with a response to a request that asked for bytes from `requestedFrom` on
 * (0: no Range header). Statuses other than 200, 206 and 416 are the caller's to report.
 */
export function planWrite(requestedFrom: number, record: PartialRecord | null, facts: ResponseFacts): WritePlan {
  if (facts.status === 200) return { kind: 'restart', totalBytes: facts.contentLength };
  if (facts.status === 416) return { kind: 'refetch', reason: 'the server refused the byte range' };
  if (facts.status !== 206) return { kind: 'refetch', reason: `unexpected HTTP ${facts.status}` };

  const range = parseContentRange(facts.contentRange);
  if (!range) return { kind: 'refetch', reason: 'partial response without a readable Content-Range' };
  if (range.start !== requestedFrom) return { kind: 'refetch', reason: `the server sent bytes from ${range.start}, not ${requestedFrom}` };
  if (requestedFrom === 0) return { kind: 'restart', totalBytes: range.total };
  if (record?.etag && facts.etag && record.etag !== facts.etag) return { kind: 'refetch', reason: 'the file changed on the server (new ETag)' };
  if (record?.totalBytes != null && range.total !== null && record.totalBytes !== range.total) {
    return { kind: 'refetch', reason: `the file changed size on the server (${record.totalBytes} → ${range.total})` };
  }
  return { kind: 'append', from: requestedFrom, totalBytes: range.total ?? record?.totalBytes ?? null };
}

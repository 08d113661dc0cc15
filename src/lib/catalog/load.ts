/**
 * Reading the model catalog: `parseCatalog` validates a parsed models.json once, at start-up, and
 * `loadCatalog` fetches one (the shipped file or an organization's own). Every failure becomes a
 * CatalogError whose `detail` names the field to fix, e.g. `models[3].contextLength: …`.
 */
import * as v from 'valibot';
import { appError } from '../errors';
import { CatalogShapeSchema, crossCheck } from './schema';
import type { Catalog } from './types';

/** How many problems the detail lists before it says "and N more". */
const MAX_LISTED = 3;

/**
 * Validate a parsed models.json.
 * @throws CatalogError CATALOG_INVALID, with `detail` naming each bad field (path and issue).
 */
export function parseCatalog(json: unknown): Catalog {
  const result = v.safeParse(CatalogShapeSchema, json);
  if (!result.success) {
    throw invalid(result.issues.map((issue) => describeIssue(issue, json)));
  }
  const catalog: Catalog = result.output;
  const problems = crossCheck(catalog).map((p) => `${p.path}: ${p.message}`);
  if (problems.length > 0) throw invalid(problems);
  return catalog;
}

/**
 * Fetch and validate a catalog.
 * @param url Where models.json lives (relative URLs resolve against the page).
 * @param fetchImpl Injected for tests; the global `fetch` by default.
 * @throws CatalogError CATALOG_UNREACHABLE when the request fails or is not 2xx,
 *   CATALOG_INVALID when the body is not JSON or not a valid catalog.
 */
export async function loadCatalog(url: string, fetchImpl: typeof fetch = fetch): Promise<Catalog> {
  let response: Response;
  try {
    response = await fetchImpl(url, { cache: 'no-cache' });
  } catch (cause) {
    throw appError('CATALOG_UNREACHABLE', { detail: `${url}: ${errorText(cause)}`, cause });
  }
  if (!response.ok) {
    throw appError('CATALOG_UNREACHABLE', { detail: `${url}: HTTP ${response.status} ${response.statusText}`.trim() });
  }
  const text = await response.text().catch((cause: unknown) => {
    throw appError('CATALOG_UNREACHABLE', { detail: `${url}: ${errorText(cause)}`, cause });
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const looksLikeHtml = /^\s*</.test(text);
    throw appError('CATALOG_INVALID', {
      detail: `${url}: not JSON${looksLikeHtml ? ' (got an HTML page; is the URL right?)' : ''}: ${errorText(cause)}`,
      cause,
    });
  }
  return parseCatalog(json);
}

function invalid(problems: string[]) {
  const listed = problems.slice(0, MAX_LISTED);
  const more = problems.length - listed.length;
  return appError('CATALOG_INVALID', { detail: listed.join('; ') + (more > 0 ? `; and ${more} more` : '') });
}

/** `models[3].contextLength: expected number, got "4096" (model "x")`. */
function describeIssue(issue: v.BaseIssue<unknown>, root: unknown): string {
  const path = formatPath(issue.path);
  let what: string;
  if (issue.type === 'strict_object' && issue.expected === 'never') what = 'unknown field (misspelt?)';
  else if (issue.received === 'undefined') what = 'missing';
  else if (issue.kind === 'schema') what = `expected ${issue.expected ?? issue.type}, got ${issue.received}`;
  else what = issue.message;
  const id = modelIdAt(issue.path, root);
  return `${path || '(top level)'}: ${what}${id ? ` (model "${id}")` : ''}`;
}

function formatPath(path: v.BaseIssue<unknown>['path']): string {
  if (!path) return '';
  let out = '';
  for (const item of path) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** The id of the model an issue is about, when the raw input has one, to make the detail findable. */
function modelIdAt(path: v.BaseIssue<unknown>['path'], root: unknown): string | null {
  if (!path || path[0]?.key !== 'models' || typeof path[1]?.key !== 'number') return null;
  const models = (root as { models?: unknown }).models;
  const record = Array.isArray(models) ? (models[path[1].key] as { id?: unknown } | undefined) : undefined;
  return typeof record?.id === 'string' ? record.id : null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

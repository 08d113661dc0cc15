/**
 * What Hearth was opened for: a shortcut of the installed app (`/?action=new-chat`,
 * `/?action=add-documents`), a share from another app (`/?shared=<id>`, see shared-inbox.ts), or
 * files opened with Hearth (`/?open=files`, then the launch queue). Pure helpers, for the page's
 * launch state (launch.svelte.ts) and its tests.
 */
import { SHARED_PARAM, type SharedText } from './shared-inbox';

export type LaunchAction = 'new-chat' | 'add-documents';

export interface LaunchRequest {
  action: LaunchAction | null;
  /** The id of shared items to take, 'failed' when the worker could not keep them, or null. */
  shared: string | null;
}

const ACTIONS: readonly LaunchAction[] = ['new-chat', 'add-documents'];
/** The query parameters the app acts on once and then removes from the address. */
export const LAUNCH_PARAMS = ['action', SHARED_PARAM, 'open'] as const;

export function launchRequest(search: string): LaunchRequest {
  const params = new URLSearchParams(search);
  const action = params.get('action');
  return {
    action: ACTIONS.find((a) => a === action) ?? null,
    shared: params.get(SHARED_PARAM),
  };
}

/** The address without the launch parameters (so a reload does not do it again). */
export function withoutLaunchParams(href: string): string {
  const url = new URL(href);
  for (const name of LAUNCH_PARAMS) url.searchParams.delete(name);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A file name from a shared title: no path separators or control characters, at most 80 characters. */
export function sharedFileName(title: string, fallback: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = title.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/gu, ' ').replace(/\s+/gu, ' ').trim().slice(0, 80).trim();
  return `${clean || fallback}.md`;
}

/** The shared title, text and link as one Markdown document; the link is kept as text, never opened. */
export function sharedTextDocument(shared: SharedText, fallbackTitle: string): File {
  const title = shared.title || fallbackTitle;
  const parts = [`# ${title}`, shared.text, shared.url ? `<${shared.url}>` : ''].filter((p) => p.trim() !== '');
  return new File([`${parts.join('\n\n')}\n`], sharedFileName(shared.title, fallbackTitle), { type: 'text/markdown' });
}

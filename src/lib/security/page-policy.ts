/**
 * The policy this page runs under, as the build wrote it into index.html, asked before Hearth
 * connects to an address a person typed (Settings) or a catalog named: an address the policy would
 * block is named as such instead of failing later as "could not be loaded". The dev server sends
 * its policy as a header only; there every address passes this check and the browser still decides.
 * Browser-only.
 */
import { connectAllowed, connectSrcOf } from './connect-check';

function pageConnectSrc(): string[] | null {
  if (typeof document === 'undefined') return null;
  const content = document.querySelector('meta[http-equiv="Content-Security-Policy" i]')?.getAttribute('content');
  return content ? connectSrcOf(content) : null;
}

/** True unless this installation's policy forbids connecting to `url`. */
export function addressAllowed(url: string): boolean {
  const sources = pageConnectSrc();
  return !sources || connectAllowed(sources, url, location.href);
}

/** `https://host:port` of a URL, for messages. */
export function originLabel(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

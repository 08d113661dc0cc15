/**
 * Would this installation's policy let Hearth connect to an address? Settings asks before it saves a
 * catalog URL or model source, so a blocked address is named there rather than failing later as
 * "could not be loaded". Reads the `connect-src` of a policy text (the build's `<meta>`) and matches
 * a URL against it the way the browser does for host sources. Pure.
 */

/** The `connect-src` sources of a policy, or null when it has none (then `default-src` decides). */
export function connectSrcOf(policy: string): string[] | null {
  const directives = new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/u))
      .filter((words) => words[0])
      .map((words) => [words[0]!.toLowerCase(), words.slice(1)] as const),
  );
  return [...(directives.get('connect-src') ?? directives.get('default-src') ?? [])];
}

const DEFAULT_PORT: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };

function matchesHost(pattern: string, host: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return pattern === host;
}

/** One source expression against a URL (schemes, `'self'`, `*`, host sources with `*.` and `:*`). */
function matches(source: string, url: URL, self: URL): boolean {
  if (source === "'self'") return url.origin === self.origin;
  if (source === '*') return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === self.protocol;
  if (/^[a-z][a-z0-9+.-]*:$/iu.test(source)) return url.protocol === source.toLowerCase();
  const parsed = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.[^:/]+|[^:/*]+)(?::(\d+|\*))?\/?$/iu.exec(source);
  if (!parsed) return false;
  const [, scheme, host, port] = parsed;
  // `http:` sources also allow `https:` (the browser upgrades a scheme, never downgrades).
  const schemeOk = scheme ? url.protocol === `${scheme.toLowerCase()}:` || (scheme.toLowerCase() === 'http' && url.protocol === 'https:') : url.protocol === self.protocol;
  if (!schemeOk || !matchesHost(host!.toLowerCase(), url.hostname)) return false;
  const urlPort = url.port || DEFAULT_PORT[url.protocol] || '';
  return port === '*' || (port ?? DEFAULT_PORT[url.protocol]) === urlPort;
}

/** True when `sources` (a `connect-src` list) let a page at `selfUrl` fetch `url`. */
export function connectAllowed(sources: readonly string[], url: string, selfUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url, selfUrl);
  } catch {
    return false;
  }
  const self = new URL(selfUrl);
  if (sources.includes("'none'")) return false;
  return sources.some((source) => matches(source, target, self));
}

/**
 * Where Hearth may connect: the hosts of the shipped catalog (its model and model-library bases),
 * the hosts those redirect downloads to, and whatever the installation adds at build time
 * (HEARTH_CONNECT_SRC: its own mirror and catalog). Pure, used by the build and by Settings.
 */

/** The parts of a catalog that name hosts. */
export interface CatalogHosts {
  modelBaseUrl: string;
  libBaseUrl: string;
}

/**
 * Hosts a model host sends its large files from (an HTTP redirect, which the policy checks too):
 * Hugging Face serves model files from its own storage hosts.
 */
export const REDIRECT_HOSTS: Readonly<Record<string, readonly string[]>> = {
  'https://huggingface.co': ['https://*.hf.co', 'https://*.huggingface.co'],
};

/** One CSP host source: scheme, host (optionally `*.` first) and optional port (a number or `*`). */
const HOST_SOURCE = /^(https?|wss?):\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}|\*))?$/u;

/** The origin of an http(s) URL, e.g. `https://huggingface.co`; throws on anything else. */
export function originOf(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`not an http(s) address: ${url}`);
  return parsed.origin;
}

/** The catalog's own hosts and where they redirect to. */
export function catalogSources(catalog: CatalogHosts): string[] {
  const origins = [originOf(catalog.modelBaseUrl), originOf(catalog.libBaseUrl)];
  return [...new Set(origins.flatMap((origin) => [origin, ...(REDIRECT_HOSTS[origin] ?? [])]))];
}

/**
 * Read HEARTH_CONNECT_SRC: sources separated by spaces or commas, each an origin
 * (`https://models.example.org`, `http://127.0.0.1:4180`) or a CSP host source with a wildcard
 * (`https://*.example.org`, `http://127.0.0.1:*`). A trailing slash or path is dropped.
 * @throws Error naming the first entry that is not such a source.
 */
export function parseConnectSrc(value: string | undefined): string[] {
  const entries = (value ?? '').split(/[\s,]+/u).filter(Boolean);
  return entries.map((entry) => {
    const source = entry.replace(/^([a-z]+:\/\/[^/]+)\/.*$/iu, '$1').toLowerCase();
    if (!HOST_SOURCE.test(source)) throw new Error(`HEARTH_CONNECT_SRC: "${entry}" is not an origin such as https://models.example.org or http://127.0.0.1:4180`);
    return source;
  });
}

/** Everything the build allows: the catalog's hosts, then the installation's own. */
export function connectSources(catalog: CatalogHosts, setting: string | undefined): string[] {
  return [...new Set([...catalogSources(catalog), ...parseConnectSrc(setting)])];
}

/**
 * Where the catalog comes from: the built-in models.json, or the catalog URL in Settings. The last
 * catalog that loaded from a URL is remembered, so a self-hosted setup keeps working offline.
 */
import builtIn from '../../../models.json';
import { loadCatalog, parseCatalog } from '../catalog/load';
import type { Catalog } from '../catalog/types';
import { AppError, appError } from '../errors';
import { t } from '../i18n/i18n.svelte';
import { addressAllowed, originLabel } from '../security/page-policy';

const LAST_GOOD = 'hearth.catalog.lastGood';

export async function resolveCatalog(catalogUrl: string | null): Promise<Catalog> {
  if (!catalogUrl) return parseCatalog(builtIn);
  // Saved before this installation's policy changed, or set elsewhere: say why it cannot load.
  if (!addressAllowed(catalogUrl)) throw appError('CATALOG_UNREACHABLE', { message: t('security.addressNotAllowed', { origin: originLabel(catalogUrl) }), detail: catalogUrl });
  try {
    const catalog = await loadCatalog(catalogUrl);
    localStorage.setItem(LAST_GOOD, JSON.stringify({ url: catalogUrl, catalog }));
    return catalog;
  } catch (error) {
    if (error instanceof AppError && error.code === 'CATALOG_UNREACHABLE') {
      const remembered = rememberedCatalog(catalogUrl);
      if (remembered) return remembered;
    }
    throw error;
  }
}

function rememberedCatalog(url: string): Catalog | null {
  try {
    const raw = localStorage.getItem(LAST_GOOD);
    if (!raw) return null;
    const saved = JSON.parse(raw) as { url: string; catalog: unknown };
    return saved.url === url ? parseCatalog(saved.catalog) : null;
  } catch {
    return null;
  }
}

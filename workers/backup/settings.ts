/**
 * The settings a backup carries. A backup is a file people copy to USB sticks and cloud folders, so
 * nothing in it may open anything: a URL keeps its address but loses its user name, password, query
 * and fragment (where access tokens go). Read back, they pass the app's own checks (readSettings).
 */
import { readSettings, type Settings } from '../../src/lib/config/settings';

/** The settings as a backup stores them. */
export function shareableSettings(settings: Settings): Settings {
  return { ...settings, catalogUrl: withoutSecrets(settings.catalogUrl), modelBaseUrl: withoutSecrets(settings.modelBaseUrl) };
}

/** Settings read from a backup (already schema-checked), with the app's ranges and defaults applied. */
export function settingsFromBackup(raw: unknown): Settings {
  const settings = readSettings({ getItem: () => JSON.stringify(raw) });
  return shareableSettings(settings);
}

function withoutSecrets(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

/** The backup's settings differ from these ones (secrets aside, which a backup never holds). */
export function settingsDiffer(current: Settings, fromBackup: Settings): boolean {
  return JSON.stringify(shareableSettings(current)) !== JSON.stringify(shareableSettings(fromBackup));
}

/**
 * The settings to store when the person applies a backup's: the backup's, except that a URL which
 * is the current one without its secrets stays the current one (so its access token still works).
 */
export function settingsToApply(current: Settings, fromBackup: Settings): Settings {
  const keep = (now: string | null, restored: string | null) => (now && withoutSecrets(now) === restored ? now : restored);
  return { ...fromBackup, catalogUrl: keep(current.catalogUrl, fromBackup.catalogUrl), modelBaseUrl: keep(current.modelBaseUrl, fromBackup.modelBaseUrl) };
}

/** Sizes, speeds and durations as people read them ("1.2 MB", "850 KB/s", "2 min 5 s"). */
import { formatSize } from '../storage/size-format';

/** Binary multiples with the familiar short names, one decimal below 10 ("1.2 MB", "85 MB"): English formatSize. */
export function formatBytes(bytes: number): string {
  return formatSize(bytes);
}

export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Rounded up to whole seconds; at most two units ("1 h 5 min", "2 min 10 s", "8 s"). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return s % 60 ? `${minutes} min ${s % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** "de" → "German"; the code itself when the browser cannot name it. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A model's languages for its row: "English" when the card lists none, else their names (or a count). */
export function formatLanguages(languages: readonly string[] | undefined, maxNamed = 3): string {
  if (!languages?.length) return 'English';
  if (languages.length > maxNamed) return `${languages.length} languages`;
  return languages.map(languageName).join(', ');
}

/** Sizes, speeds and durations in the current interface language (units.ts with `words()`), for components. */
import { words } from './i18n.svelte';
import { durationIn, megabytesIn, sizeIn, speedIn } from './units';

export const size = (bytes: number): string => sizeIn(words(), bytes);
export const megabytes = (mb: number): string => megabytesIn(words(), mb);
export const speed = (bytesPerSecond: number): string => speedIn(words(), bytesPerSecond);
export const duration = (seconds: number): string => durationIn(words(), seconds);

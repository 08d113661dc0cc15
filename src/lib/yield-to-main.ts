/**
 * Ends the current task and goes on in a new one, so the browser can paint and answer input between
 * two pieces of start-up work (a long task delays both). `scheduler.yield` where the browser has it
 * (its continuation runs before other queued tasks), else a zero-delay timeout.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

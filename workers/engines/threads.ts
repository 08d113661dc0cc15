/**
 * How many threads llama.cpp gets. Threads need SharedArrayBuffer (a cross-origin isolated page).
 * Half the cores from four up (phones' little cores and hyperthreads add little and slow the rest),
 * but every core of a one- or two-core device: on 2 cores, 2 threads decode 1.6× faster than 1 with
 * the page still free of tasks over 50 ms (`npm run bench -- --suite llm,answer`).
 */
export function cpuThreads(cores: number, crossOriginIsolated: boolean): number {
  if (!crossOriginIsolated || !(cores >= 1)) return 1;
  const n = Math.floor(cores);
  return n <= 2 ? n : Math.min(8, Math.max(2, Math.floor(n / 2)));
}

/** The threads wllama uses when the load request does not say: this device's cores, if the page may share memory. */
export function defaultThreads(): number {
  return cpuThreads(globalThis.navigator?.hardwareConcurrency ?? 1, Boolean(globalThis.crossOriginIsolated));
}

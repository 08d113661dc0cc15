/**
 * Resident memory of Chromium's renderer processes (Linux /proc), found through CDP. Unlike
 * performance.measureUserAgentSpecificMemory(), it includes WebAssembly memories, which Chromium's
 * own measurement leaves out (checked: a 100 MiB WebAssembly.Memory in a worker adds ~0 to it).
 */
import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';

interface ProcessInfo {
  type: string;
  id: number;
}

/** Sum of VmRSS over renderer processes, or null where /proc or CDP's SystemInfo is unavailable. */
export async function rendererRssBytes(browser: Browser): Promise<number | null> {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: ProcessInfo[] };
    await cdp.detach();
    let total = 0;
    for (const p of processInfo.filter((x) => x.type === 'renderer')) {
      const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'))?.[1];
      if (kb) total += Number(kb) * 1024;
    }
    return total;
  } catch {
    return null;
  }
}

/**
 * The largest peak resident memory (VmHWM) of any renderer process: with one bench page open, the
 * peak of that page's process (its workers and their WebAssembly memories included).
 */
export async function rendererPeakRssBytes(browser: Browser): Promise<number | null> {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: ProcessInfo[] };
    await cdp.detach();
    let peak = 0;
    for (const p of processInfo.filter((x) => x.type === 'renderer')) {
      const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'))?.[1];
      if (kb) peak = Math.max(peak, Number(kb) * 1024);
    }
    return peak;
  } catch {
    return null;
  }
}

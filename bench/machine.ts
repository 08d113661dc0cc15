/** What the numbers were measured on: CPU, memory, OS, runtime and package versions. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  /** Chromium's version when a browser suite ran, else null. */
  chromium: string | null;
  packages: Record<string, string>;
  /** The project's commit (HEAD), when this is a git checkout. */
  commit: string | null;
  /**
   * 1/5/15-minute load averages when the run started and ended: other work on the machine competes
   * for the same cores, so a high load says the figures are pessimistic.
   */
  loadAverage: { start: number[]; end: number[] };
}

/** The packages whose versions decide the figures. */
const PACKAGES = ['@huggingface/transformers', 'onnxruntime-web', '@wllama/wllama', 'minisearch', 'vite', 'svelte', '@playwright/test'];

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return `${pretty} (${type()} ${release()})`;
  } catch {
    // not Linux, or no os-release: the kernel name is enough
  }
  return `${type()} ${release()}`;
}

function packageVersion(root: string, name: string): string | null {
  const file = join(root, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return null;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? null;
}

function commit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

export function machineInfo(root: string, chromium: string | null, loadAtStart: number[] = loadavg()): MachineInfo {
  const cpu = cpus();
  const packages: Record<string, string> = {};
  for (const name of PACKAGES) {
    const v = packageVersion(root, name);
    if (v) packages[name] = v;
  }
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryBytes: totalmem(),
    os: osName(),
    node: process.version,
    chromium,
    packages,
    commit: commit(root),
    loadAverage: { start: loadAtStart.map(round2), end: loadavg().map(round2) },
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

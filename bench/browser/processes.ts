/** Child processes a suite starts (a build, a preview server, the model mirror), and waiting on them. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Running {
  child: ChildProcess;
  /** Stops this process (only this one: it is killed by its own pid). */
  stop(): Promise<void>;
  output(): string;
}

/** `env`: variables added to this process's own for the child. */
export function start(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Running {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    child,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Runs a command to completion; throws with its output if it fails. */
export async function runToEnd(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  const p = start(command, args, cwd, env);
  const code = await new Promise<number | null>((resolve) => p.child.once('exit', (c) => resolve(c)));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${p.output().slice(-3000)}`);
  return p.output();
}

/** Polls until `url` answers 2xx (or the process died, or time ran out). */
export async function waitForUrl(url: string, proc: Running, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (proc.child.exitCode !== null) throw new Error(`Server for ${url} exited early:\n${proc.output().slice(-3000)}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${proc.output().slice(-3000)}`);
}

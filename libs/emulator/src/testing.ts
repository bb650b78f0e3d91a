/** Test helper: a moto server of the test's own on a free loopback port, stopped exactly. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformVersion } from '@llm/terraform';
import { motoServerPath, startEmulator, stopEmulator } from './process';

export interface TestEmulator {
  readonly url: URL;
  readonly stop: () => Promise<void>;
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export const motoAvailable = (): boolean => motoServerPath() !== undefined;

export async function startTestEmulator(env: NodeJS.ProcessEnv = {}): Promise<TestEmulator> {
  const stateDir = mkdtempSync(join(tmpdir(), 'llm-emulator-'));
  const url = new URL(`http://127.0.0.1:${await freeLoopbackPort()}`);
  await startEmulator(url, { stateDir, env });
  return {
    url,
    stop: async () => {
      await stopEmulator(url, stateDir);
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * `describe` for the emulator tier: runs where moto server and terraform are installed; skipped
 * with one line where either is missing, except in CI (CI=true), where the tier must run and a
 * missing tool fails the run instead of passing silently.
 */
export function describeWithEmulator(name: string, body: () => void): void {
  const missing = [motoAvailable() ? undefined : 'moto_server (pip install "moto[server]")', terraformVersion() ? undefined : 'terraform (>= 1.10)'].filter(
    (tool): tool is string => tool !== undefined,
  );
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  if (process.env.CI && process.env.CI !== 'false') {
    describe(name, () => {
      it('needs moto_server and terraform on PATH in CI', () => {
        throw new Error(`the emulator tier must run in CI, but ${missing.join(' and ')} is not on PATH`);
      });
    });
    return;
  }
  process.stderr.write(`Emulator tier skipped (${name}): ${missing.join(' and ')} is not on PATH.\n`);
  describe.skip(name, body);
}

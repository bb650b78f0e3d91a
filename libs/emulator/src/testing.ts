/** Test helper: a moto server of the test's own on a free loopback port, stopped exactly. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

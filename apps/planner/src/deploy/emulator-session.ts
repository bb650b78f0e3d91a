/**
 * The emulator a command works against: the one already answering at the URL, or one it starts
 * (and stops again at the end unless asked to keep it). Anything else on the port is refused.
 */
import { EmulatorError, portInUse, probeEmulator, startEmulator, stopEmulator } from '@llm/emulator';
import { EMULATOR_LOCAL_STATE_DIR } from '@llm/stacks';
import { join } from 'node:path';

export interface EmulatorSession {
  readonly url: URL;
  /** True when this command started the emulator. */
  readonly started: boolean;
  readonly pid?: number;
  /** Stops the emulator when this command started it; no-op otherwise. */
  readonly release: () => Promise<void>;
}

export function emulatorStateDir(workspaceRoot: string): string {
  return join(workspaceRoot, EMULATOR_LOCAL_STATE_DIR);
}

export async function ensureEmulator(workspaceRoot: string, url: URL, options: { readonly start: boolean }): Promise<EmulatorSession> {
  const probe = await probeEmulator(url);
  if (probe === 'moto') return { url, started: false, release: async () => undefined };
  if (probe === 'other') throw portInUse(url.origin);
  if (!options.start) throw new EmulatorError(`no emulator answers at ${url.origin}; start one with npm run emulator -- start`);
  const stateDir = emulatorStateDir(workspaceRoot);
  const record = await startEmulator(url, { stateDir });
  return {
    url,
    started: true,
    pid: record.pid,
    release: async () => {
      await stopEmulator(url, stateDir);
    },
  };
}

/**
 * Starts moto server as its own process on a loopback address and stops exactly the process it
 * started: the pid is recorded with the URL, and a pid is only signalled while /proc says it is
 * still a moto server (a recycled pid is never killed).
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emulatorEndpoint, emulatorPort } from '@llm/terraform';
import { motoMissing, portInUse, startFailed } from './errors';
import { probeEmulator, waitUntilAnswers } from './probe';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface EmulatorRecord {
  readonly pid: number;
  readonly url: string;
  readonly startedAt: string;
  readonly logFile: string;
}

export interface StartOptions {
  /** Folder for the pid record and the log. */
  readonly stateDir: string;
  /** Extra environment for moto, e.g. MOTO_ACCOUNT_ID. */
  readonly env?: NodeJS.ProcessEnv;
}

export function motoServerPath(): string | undefined {
  const result = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  const path = result.stdout.trim();
  return result.status === 0 && path ? path : undefined;
}

function recordPath(stateDir: string, url: URL): string {
  return join(stateDir, `moto-${emulatorPort(url)}.json`);
}

export function readRecord(stateDir: string, url: URL): EmulatorRecord | undefined {
  const path = recordPath(stateDir, url);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EmulatorRecord;
  } catch {
    return undefined;
  }
}

/** True while `pid` runs and is a moto server: guards against signalling a recycled pid. */
export function isMotoProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdline)) return true; // no /proc (macOS): the pid record is all there is
  return readFileSync(cmdline, 'utf8').includes('moto_server');
}

/**
 * Starts moto on the URL's host and port and waits until it answers. Refuses when the port is
 * taken (by moto or anything else): the caller decides whether an emulator already running is fine.
 */
export async function startEmulator(url: URL, options: StartOptions): Promise<EmulatorRecord> {
  const probe = await probeEmulator(url);
  if (probe !== 'nothing') throw portInUse(emulatorEndpoint(url));
  const moto = motoServerPath();
  if (!moto) throw motoMissing();
  mkdirSync(options.stateDir, { recursive: true });
  const logFile = join(options.stateDir, `moto-${emulatorPort(url)}.log`);
  const log = openSync(logFile, 'w');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const child = spawn(moto, ['-H', host, '-p', String(emulatorPort(url))], {
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      // ReadOnlyAccess / PowerUserAccess attach only when moto knows the AWS managed policies.
      MOTO_IAM_LOAD_MANAGED_POLICIES: 'true',
      ...options.env,
    },
  });
  closeSync(log);
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw startFailed(emulatorEndpoint(url), 'spawn returned no pid');
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const answered = await waitUntilAnswers(url, START_TIMEOUT_MS, () => !exited);
  if (!answered) {
    stopPid(pid);
    throw startFailed(emulatorEndpoint(url), tail(logFile));
  }
  const record: EmulatorRecord = { pid, url: emulatorEndpoint(url), startedAt: new Date().toISOString(), logFile };
  const path = recordPath(options.stateDir, url);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
  return record;
}

export type StopResult = 'stopped' | 'not-started-here' | 'already-gone';

/** Stops the emulator recorded for this URL, and only that process. */
export async function stopEmulator(url: URL, stateDir: string): Promise<StopResult> {
  const record = readRecord(stateDir, url);
  if (!record) return 'not-started-here';
  const path = recordPath(stateDir, url);
  if (!isMotoProcess(record.pid)) {
    rmSync(path, { force: true });
    return 'already-gone';
  }
  await stopPidAndWait(record.pid);
  rmSync(path, { force: true });
  return 'stopped';
}

function stopPid(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

async function stopPidAndWait(pid: number): Promise<void> {
  stopPid(pid);
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline && isMotoProcess(pid)) await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
  if (isMotoProcess(pid)) process.kill(pid, 'SIGKILL');
}

function tail(file: string, lines = 20): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n') || '(empty log)';
}

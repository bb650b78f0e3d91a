/**
 * Test helpers for pages checked in a real browser: Debian's chromium driven by playwright-core.
 * Where chromium is missing (a laptop without it) the tests are skipped with one line saying so;
 * in CI (CI set, not `false`) they must run, so a missing browser fails the run instead, as the
 * Terraform tier does (describeWithTerraform).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Flags for a headless run that talks to nobody: no sync, no component or background updates. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let cached: { readonly path: string | undefined } | undefined;

/**
 * `CHROMIUM_PATH` when set (a runner whose browser has another name, such as GitHub's
 * google-chrome), else the chromium on PATH (`command -v chromium`), else undefined.
 */
export function chromiumPath(): string | undefined {
  if (!cached) {
    const probe = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
    const path = process.env.CHROMIUM_PATH || (probe.status === 0 ? probe.stdout.trim() : '');
    cached = { path: path && existsSync(path) ? path : undefined };
  }
  return cached.path;
}

/** `describe` that runs only where chromium is installed, and fails in CI where it is not. */
export function describeWithChromium(name: string, body: () => void): void {
  if (chromiumPath()) {
    describe(name, body);
    return;
  }
  if (process.env.CI && process.env.CI !== 'false') {
    describe(name, () => {
      it('needs chromium on PATH in CI', () => {
        throw new Error('chromium is not on PATH, and CI must run the browser tests: apt-get update && apt-get install -y chromium (.ci/run does)');
      });
    });
    return;
  }
  process.stderr.write(`Browser tests skipped (${name}): chromium is not on PATH (apt-get install -y chromium to run them).\n`);
  describe.skip(name, body);
}

export interface BrowserSession {
  readonly context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** A fresh browser with a profile of its own in a temporary folder, removed again by close(). */
export async function launchChromium(): Promise<BrowserSession> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('chromium is not on PATH');
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 1000 } });
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

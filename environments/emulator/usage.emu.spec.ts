/**
 * Bad input to the emulator commands gets one clear line and exit 2, and a failed stack stops the
 * environment's later stacks with Terraform's own error: npm run emulator, npm run deploy:local
 * and npm start -- --emulator, run as a user runs them.
 */
import { probeEmulator } from '@llm/emulator';
import { describeWithEmulator, freeLoopbackPort, startTestEmulator } from '@llm/emulator/testing';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../index';
import { runCommand, WORKSPACE_ROOT, type CommandRun } from './harness';

const TIMEOUT_MS = 5 * 60_000;

function cli(script: string, args: readonly string[], url: string): Promise<CommandRun> {
  return runCommand(process.execPath, ['--import', 'tsx', join(WORKSPACE_ROOT, script), ...args], {
    env: { ...process.env, INFRA_EMULATOR_URL: url, CHECKPOINT_DISABLE: '1' },
    timeoutMs: TIMEOUT_MS,
  });
}

const deployLocal = (args: readonly string[], url: string) => cli('apps/planner/src/deploy/main.ts', args, url);
const emulatorCli = (args: readonly string[], url: string) => cli('tools/emulator.ts', args, url);

describeWithEmulator('emulator commands on bad input', () => {
  it(
    'deploy:local names an unknown environment and the known ones, and starts nothing',
    async () => {
      const url = `http://127.0.0.1:${await freeLoopbackPort()}`;
      const run = await deployLocal(['--env', 'nope'], url);
      expect({ code: run.code, error: run.stderr.split('\n')[0] }).toEqual({
        code: 2,
        error: `--env: unknown environment(s) nope; known: ${ENVIRONMENTS.map((env) => env.name).join(', ')}`,
      });
      expect(await probeEmulator(new URL(url))).toBe('nothing');
    },
    TIMEOUT_MS,
  );

  it.each([
    ['http://10.1.2.3:4566', 'is not a loopback address'],
    ['not a url', 'is not a URL'],
    ['ftp://127.0.0.1:4566', 'must use http or https'],
  ])(
    'deploy:local refuses INFRA_EMULATOR_URL=%s in one line',
    async (url, message) => {
      const run = await deployLocal(['--env', 'dev'], url);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
    },
    TIMEOUT_MS,
  );

  it(
    'deploy:local refuses a port that something other than moto holds',
    async () => {
      const port = await freeLoopbackPort();
      const server: Server = createServer((_request, response) => response.end('not moto'));
      await new Promise<void>((resolveListen) => server.listen(port, '127.0.0.1', resolveListen));
      try {
        const run = await deployLocal(['--env', 'dev'], `http://127.0.0.1:${port}`);
        expect(run.code).toBe(2);
        expect(run.stderr.trim()).toBe(
          `http://127.0.0.1:${port}: the port is in use by something that is not moto server; stop it or choose another port in INFRA_EMULATOR_URL`,
        );
      } finally {
        server.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'npm start -- --emulator says in one line that no emulator answers',
    async () => {
      const url = `http://127.0.0.1:${await freeLoopbackPort()}`;
      const run = await cli('apps/planner/src/main.ts', ['--emulator', '--env', 'dev'], url);
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe(`no emulator answers at ${url}; start one with npm run emulator -- start`);
    },
    TIMEOUT_MS,
  );

  it(
    "deploy:local prints Terraform's error for a failed stack and runs none after it",
    async () => {
      const emulator = await startTestEmulator();
      const outdir = mkdtempSync(join(tmpdir(), 'usage-'));
      try {
        // Without its bootstrap stack the state bucket does not exist: the global stack cannot even init.
        const run = await deployLocal(['--env', 'dev', '--stack', 'dev-global', '--stack', 'dev-us-east-1', '--outdir', outdir], emulator.url.origin);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('=== dev-global: terraform init failed ===');
        expect(run.stderr).toMatch(/S3 bucket .*llm-platform-dev-bootstrap-tfstate-111111111111.* does not exist|NoSuchBucket/);
        expect(run.stdout).toMatch(/^dev-us-east-1 .*not run: dev-global failed$/m);
      } finally {
        await emulator.stop();
        rmSync(outdir, { recursive: true, force: true });
      }
    },
    TIMEOUT_MS,
  );

  it(
    'npm run emulator starts, reports and stops exactly its own moto server',
    async () => {
      const url = `http://127.0.0.1:${await freeLoopbackPort()}`;
      try {
        const start = await emulatorCli(['start'], url);
        expect(start.code).toBe(0);
        expect(start.stdout).toMatch(new RegExp(`moto server answers at ${url} \\(pid \\d+`));
        const status = await emulatorCli(['status'], url);
        expect({ code: status.code, out: status.stdout }).toEqual({ code: 0, out: expect.stringMatching(/^running: moto server answers at .*, pid \d+/) });
      } finally {
        const stop = await emulatorCli(['stop'], url);
        expect({ code: stop.code, out: stop.stdout.trim() }).toEqual({ code: 0, out: `moto server at ${url} stopped` });
      }
      expect(await probeEmulator(new URL(url))).toBe('nothing');
      const stopped = await emulatorCli(['status'], url);
      expect(stopped.code).toBe(3);
      const again = await emulatorCli(['stop'], url);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain(`no emulator started by npm run emulator -- start runs at ${url}`);
    },
    TIMEOUT_MS,
  );
});

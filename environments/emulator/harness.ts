/**
 * The emulator tier's harness: one environment in a moto server of its own (free loopback port,
 * fresh state), applied with the real `npm run deploy:local`, planned and inspected with the real
 * terraform binary and the AWS SDK v3, in the environment's own account.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { validateEnvironments, type EnvironmentConfig } from '@llm/config';
import { startTestEmulator, type TestEmulator } from '@llm/emulator/testing';
import {
  EMULATOR_CREDENTIAL,
  emulatorRoleArn,
  findProviderMirror,
  parsePlanJson,
  runTerraform,
  terraformEnvironment,
  writeCliConfig,
  type PlanJson,
} from '@llm/terraform';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ENVIRONMENTS } from '../index';

export const WORKSPACE_ROOT = resolve(__dirname, '..', '..');
const DEPLOY_CLI = join(WORKSPACE_ROOT, 'apps', 'planner', 'src', 'deploy', 'main.ts');
/** A whole environment's apply is bounded; the tier as a whole by jest's timeout. */
const DEPLOY_TIMEOUT_MS = 15 * 60_000;

export interface CommandRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

export interface AwsClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export function configuredEnvironment(name: string): EnvironmentConfig {
  const env = validateEnvironments(ENVIRONMENTS).find((candidate) => candidate.name === name);
  if (!env) throw new Error(`no environment ${name} in environments/index.ts`);
  return env;
}

export class EmulatedEnvironment {
  private credentials?: AwsClientConfig['credentials'];

  private constructor(
    readonly env: EnvironmentConfig,
    readonly emulator: TestEmulator,
    /** Synthesis folder of this environment's run; stacks in <outdir>/stacks/<stack>. */
    readonly outdir: string,
    readonly terraformEnv: NodeJS.ProcessEnv,
  ) {}

  static async start(name: string): Promise<EmulatedEnvironment> {
    const env = configuredEnvironment(name);
    const emulator = await startTestEmulator();
    const outdir = mkdtempSync(join(tmpdir(), `emulated-${name}-`));
    const terraformEnv = terraformEnvironment({ cliConfigFile: writeCliConfig(join(outdir, '.terraform-cli'), findProviderMirror()) });
    return new EmulatedEnvironment(env, emulator, outdir, terraformEnv);
  }

  get url(): string {
    return this.emulator.url.origin;
  }

  stackName(scope: string): string {
    return `${this.env.name}-${scope}`;
  }

  stackDir(stack: string): string {
    return join(this.outdir, 'stacks', stack);
  }

  /** `npm run deploy:local -- --env <env> ...` against this emulator, as a user runs it. */
  deploy(args: readonly string[] = [], onSpawn?: (pid: number) => void): Promise<CommandRun> {
    return runCommand(process.execPath, ['--import', 'tsx', DEPLOY_CLI, '--env', this.env.name, '--outdir', this.outdir, ...args], {
      env: { ...process.env, INFRA_EMULATOR_URL: this.url, CHECKPOINT_DISABLE: '1' },
      timeoutMs: DEPLOY_TIMEOUT_MS,
      onSpawn,
    });
  }

  /**
   * terraform plan (with refresh, against the emulator's state) of one stack, saved as plan.json
   * in the stack folder where the review finds it. Returns the parsed plan.
   */
  async plan(stack: string, options: { readonly refreshOnly?: boolean } = {}): Promise<PlanJson> {
    const dir = this.stackDir(stack);
    const planArgs = ['plan', '-input=false', '-no-color', '-lock-timeout=2m', '-out=plan.tfplan', ...(options.refreshOnly ? ['-refresh-only'] : [])];
    for (const args of [['init', '-input=false', '-no-color'], planArgs]) {
      const result = await runTerraform(args, dir, this.terraformEnv, { timeoutMs: 5 * 60_000 });
      if (result.code !== 0) throw new Error(`terraform ${args[0]} of ${stack} failed:\n${result.stderr || result.stdout}`);
    }
    const show = await runTerraform(['show', '-json', '-no-color', 'plan.tfplan'], dir, this.terraformEnv);
    if (show.code !== 0) throw new Error(`terraform show of ${stack} failed:\n${show.stderr}`);
    writeFileSync(join(dir, 'plan.json'), show.stdout);
    return parsePlanJson(show.stdout, `plan of ${stack}`);
  }

  /** `terraform show -json` of the stack's state, written next to the stack folder; returns the path. */
  async showState(stack: string): Promise<string> {
    const result = await runTerraform(['show', '-json', '-no-color'], this.stackDir(stack), this.terraformEnv);
    if (result.code !== 0) throw new Error(`terraform show of ${stack}'s state failed:\n${result.stderr}`);
    mkdirSync(join(this.outdir, 'states'), { recursive: true });
    const path = join(this.outdir, 'states', `${stack}.json`);
    writeFileSync(path, result.stdout);
    return path;
  }

  /** SDK settings for the environment's account in the emulator, through the same AssumeRole the provider makes. */
  async aws(region = this.env.regions[0].region): Promise<AwsClientConfig> {
    if (!this.credentials) {
      const sts = new STSClient({ endpoint: this.url, region, credentials: { accessKeyId: EMULATOR_CREDENTIAL, secretAccessKey: EMULATOR_CREDENTIAL } });
      const answer = await sts.send(new AssumeRoleCommand({ RoleArn: emulatorRoleArn(this.env.accountId), RoleSessionName: 'emulator-tier' }));
      const issued = answer.Credentials;
      if (!issued?.AccessKeyId || !issued.SecretAccessKey) throw new Error('the emulator issued no credentials');
      this.credentials = { accessKeyId: issued.AccessKeyId, secretAccessKey: issued.SecretAccessKey, sessionToken: issued.SessionToken };
    }
    return { endpoint: this.url, region, credentials: this.credentials };
  }

  async stop(): Promise<void> {
    await this.emulator.stop();
    rmSync(this.outdir, { recursive: true, force: true });
    rmSync(join(WORKSPACE_ROOT, '.emulator', String(this.emulator.url.port)), { recursive: true, force: true });
  }
}

export function runCommand(
  command: string,
  args: readonly string[],
  options: { readonly env: NodeJS.ProcessEnv; readonly timeoutMs: number; readonly onSpawn?: (pid: number) => void },
): Promise<CommandRun> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [...args], { cwd: WORKSPACE_ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGINT'), options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({
        code: code ?? 1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        durationMs: Date.now() - started,
      });
    });
  });
}

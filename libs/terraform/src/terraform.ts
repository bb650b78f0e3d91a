/** Runs the terraform binary with a controlled environment and captures what it printed. */
import { spawn, spawnSync } from 'node:child_process';

export interface TerraformResult {
  readonly args: readonly string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  /** True when RunOptions.timeoutMs ran out and terraform was interrupted. */
  readonly timedOut?: boolean;
}

export interface TerraformEnvironment {
  /** Path for TF_CLI_CONFIG_FILE; the machine's own value may point at a missing file. */
  readonly cliConfigFile: string;
  /** Extra variables, e.g. TF_LOG for debugging. */
  readonly extra?: NodeJS.ProcessEnv;
}

export function terraformEnvironment(settings: TerraformEnvironment): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: settings.cliConfigFile,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    ...settings.extra,
  };
}

/** The installed Terraform version, or undefined when no terraform binary is on PATH. */
export function terraformVersion(): string | undefined {
  const result = spawnSync('terraform', ['version', '-json'], {
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null' },
  });
  if (result.error || result.status !== 0) return undefined;
  try {
    return (JSON.parse(result.stdout) as { terraform_version: string }).terraform_version;
  } catch {
    return undefined;
  }
}

export interface RunOptions {
  /**
   * Past this, terraform gets SIGINT (it stops cleanly and writes the state it has), then SIGKILL
   * 30 s later. The result then says it timed out. @default - no limit
   */
  readonly timeoutMs?: number;
}

/** Grace between SIGINT and SIGKILL: enough for Terraform to persist state after an interrupt. */
const INTERRUPT_GRACE_MS = 30_000;

export function runTerraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, options: RunOptions = {}): Promise<TerraformResult> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn('terraform', [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timers: NodeJS.Timeout[] = [];
    if (options.timeoutMs !== undefined) {
      timers.push(
        setTimeout(() => {
          timedOut = true;
          child.kill('SIGINT');
          timers.push(setTimeout(() => child.kill('SIGKILL'), INTERRUPT_GRACE_MS));
        }, options.timeoutMs),
      );
    }
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      timers.forEach(clearTimeout);
      const note = timedOut ? `\nterraform ${args[0]} was interrupted after ${Math.round((options.timeoutMs ?? 0) / 1000)} s (time limit)\n` : '';
      resolvePromise({
        args,
        code: timedOut ? code || 1 : (code ?? 1),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8') + note,
        durationMs: Date.now() - started,
        timedOut,
      });
    });
  });
}

/** Runs the terraform binary with a controlled environment and captures what it printed. */
import { spawn, spawnSync } from 'node:child_process';

export interface TerraformResult {
  readonly args: readonly string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
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

export function runTerraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<TerraformResult> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn('terraform', [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({
        args,
        code: code ?? 1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        durationMs: Date.now() - started,
      }),
    );
  });
}

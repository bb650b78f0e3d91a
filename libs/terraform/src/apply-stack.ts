/** init -> apply (or destroy) for one synthesized stack directory, with the counts Terraform reports. */
import { checkInitialised, prepareInit, recordInitialised } from './init-state';
import { terraformError } from './plan-stack';
import { runTerraform, type TerraformResult } from './terraform';

export interface ApplyStackOptions {
  /** `terraform apply -destroy` instead of an apply. @default false */
  readonly destroy?: boolean;
  /** A whole stack's apply past this is interrupted (Terraform saves its state first). @default 15 minutes */
  readonly timeoutMs?: number;
  /** How long to wait for a state lock another apply holds. @default '2m' */
  readonly lockTimeout?: string;
}

export interface ApplyCounts {
  readonly added: number;
  readonly changed: number;
  readonly destroyed: number;
}

export type StackApplyResult =
  | ({ readonly stack: string; readonly ok: true; readonly durationMs: number } & ApplyCounts)
  | {
      readonly stack: string;
      readonly ok: false;
      readonly durationMs: number;
      /** The Terraform step that failed: init or apply (destroy is an apply). */
      readonly failedStep: string;
      /** What Terraform itself printed for the failure. */
      readonly error: string;
    };

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

export async function applyStack(stack: string, stackDir: string, env: NodeJS.ProcessEnv, options: ApplyStackOptions = {}): Promise<StackApplyResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Init always runs before an apply (the backend is checked against live state), but from a clean
  // .terraform when the one there is not this configuration's: a carried-over folder whose backend
  // changed would otherwise stop a plain init.
  const tracked = !env.TF_DATA_DIR;
  const preparation = tracked ? prepareInit(stackDir, !checkInitialised(stackDir, env).ready) : undefined;
  const init = await runTerraform(['init', '-input=false', '-no-color'], stackDir, env, { timeoutMs });
  if (init.code !== 0) return failure(stack, started, 'init', init);
  if (preparation) recordInitialised(stackDir, env, preparation);
  const apply = await runTerraform(
    ['apply', ...(options.destroy ? ['-destroy'] : []), '-auto-approve', '-input=false', '-no-color', `-lock-timeout=${options.lockTimeout ?? '2m'}`],
    stackDir,
    env,
    { timeoutMs: Math.max(1, timeoutMs - init.durationMs) },
  );
  if (apply.code !== 0) return failure(stack, started, options.destroy ? 'destroy' : 'apply', apply);
  return { stack, ok: true, durationMs: Date.now() - started, ...applyCounts(apply.stdout) };
}

/**
 * Terraform's closing line: `Apply complete! Resources: 6 added, 0 changed, 0 destroyed.` or
 * `Destroy complete! Resources: 52 destroyed.`; an apply with nothing to do prints the first with zeros.
 */
export function applyCounts(stdout: string): ApplyCounts {
  const apply = /Apply complete! Resources: (\d+) added, (\d+) changed, (\d+) destroyed\./.exec(stdout);
  if (apply) return { added: Number(apply[1]), changed: Number(apply[2]), destroyed: Number(apply[3]) };
  const destroy = /Destroy complete! Resources: (\d+) destroyed\./.exec(stdout);
  if (destroy) return { added: 0, changed: 0, destroyed: Number(destroy[1]) };
  if (/No changes\. No objects need to be destroyed\.|No changes\. Your infrastructure matches the configuration\./.test(stdout)) {
    return { added: 0, changed: 0, destroyed: 0 };
  }
  throw new Error(`terraform apply succeeded without its closing "Apply complete!" line:\n${stdout.trim().split('\n').slice(-5).join('\n')}`);
}

function failure(stack: string, started: number, failedStep: string, result: TerraformResult): StackApplyResult {
  return { stack, ok: false, durationMs: Date.now() - started, failedStep, error: terraformError(result) };
}

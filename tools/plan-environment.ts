/**
 * The real-mode planner CI runs per environment (npm start plans offline only):
 * `node --import tsx tools/plan-environment.ts --env prod [--refresh-only]` synthesizes the
 * environment against its S3 state and account, plans every CI stack and leaves plan.json per stack
 * plus <outdir>/plans.txt for `npm run review`. Needs credentials for the environment's account.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { environmentInfo, findEnvironment } from './ci/environment-info';
import { outcomeLine, planEnvironment, type PlanMode } from './ci/plan-environment';

const USAGE = `Usage: node --import tsx tools/plan-environment.ts --env NAME [--refresh-only] [--outdir DIR]
         [--stack NAME]... [--concurrency N] [--lock-timeout DURATION] [--offline]

Synthesizes one environment in real mode (S3 backend, allowed_account_ids) and runs terraform init,
plan -out and show -json in each of its CI stacks (the global stack and one per region; never the
bootstrap stack, whose state is local to the administrator who created it). Credentials for the
environment's account must be in the usual AWS variables (in CI: the plan role, through OIDC).

  --env NAME            the environment to plan (required)
  --refresh-only        terraform plan -refresh-only: report drift, propose nothing
  --outdir DIR          where stacks are synthesized (default cdktf.out/ci/<env>)
  --stack NAME          plan only this stack (repeatable; default: every CI stack)
  --concurrency N       stacks planned at once, 1..16 (default 2)
  --lock-timeout D      how long to wait for the state lock (default 10m)
  --offline             INFRA_OFFLINE=1 and plan -refresh=false -lock=false: no account needed
                        (what the tests use; npm start is the offline planner for people)
  --help                print this text

Writes <outdir>/stacks/<stack>/plan.json and <outdir>/plans.txt (one planned folder per line).
Exit codes: 0 planned, 1 a stack failed, 2 usage error.`;

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      env: { type: 'string' },
      'refresh-only': { type: 'boolean' },
      outdir: { type: 'string' },
      stack: { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      'lock-timeout': { type: 'string' },
      offline: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.env) throw new UsageError('--env is required');
  const concurrency = Number(values.concurrency ?? '2');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new UsageError(`--concurrency must be a whole number 1..16, got "${values.concurrency}"`);
  }
  const mode: PlanMode = values.offline ? 'offline' : 'real';
  const refreshOnly = values['refresh-only'] ?? false;
  if (refreshOnly && mode === 'offline') throw new UsageError('--refresh-only needs real mode: offline there is no account to refresh from');
  const environment = values.env;
  const info = environmentInfo(asUsageError(true, () => findEnvironment(environment)));
  const stacks = values.stack && values.stack.length > 0 ? values.stack : [...info.stacks];
  const workspaceRoot = resolve(__dirname, '..');
  const outdir = resolve(workspaceRoot, values.outdir ?? `cdktf.out/ci/${info.name}`);

  console.log(
    `Planning ${stacks.length} stack(s) of ${info.name} (${mode} mode${refreshOnly ? ', refresh-only' : ''}, account ${info.accountId}): ${stacks.join(', ')}`,
  );
  const result = await planEnvironment(
    workspaceRoot,
    { environment: info.name, outdir, mode, refreshOnly, stacks, concurrency, lockTimeout: values['lock-timeout'] },
    (outcome, done, total) => console.log(outcomeLine(outcome, done, total, refreshOnly)),
  );
  const failures = result.outcomes.filter((outcome) => !outcome.ok);
  for (const failure of failures) {
    if (!failure.ok) console.error(`\n${failure.stack}: terraform ${failure.failedStep} failed:\n${failure.error}`);
  }
  console.log(`Plans written to ${outdir}/stacks/<stack>/plan.json; planned folders listed in ${result.plannedListPath}`);
  return failures.length > 0 ? 1 : 0;
}

/** An --option naming what does not exist (a ref, an environment) is the caller's mistake: exit 2 like every usage error. */
function asUsageError<T>(fromOption: boolean, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw fromOption ? new UsageError((error as Error).message) : error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`plan-environment: ${(error as Error).message}${usage ? `\n\n${USAGE}` : ''}`);
    process.exitCode = usage ? 2 : 1;
  },
);

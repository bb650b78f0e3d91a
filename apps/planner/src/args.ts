/** Command-line options of `npm start`. */
import { parseGates, type GateName } from '@llm/review';
import { defaultPlanConcurrency, MAX_PLAN_CONCURRENCY } from '@llm/terraform';
import { availableParallelism, freemem } from 'node:os';
import { parseArgs } from 'node:util';

export interface PlannerOptions {
  /** Environments to plan; empty means all. */
  readonly environments: readonly string[];
  /** Stacks to plan by name; empty means every stack of the selected environments. */
  readonly stacks: readonly string[];
  readonly concurrency: number;
  readonly outdir: string;
  readonly validate: boolean;
  /** Review gates that make npm start exit 1 (see npm run review -- --help). */
  readonly failOn: readonly GateName[];
  readonly review: boolean;
  /** Plan against the local emulator's state (INFRA_EMULATOR_URL), with refresh. */
  readonly emulator: boolean;
  /** Reuse offline plans whose key (configuration, assets, Terraform, provider) matches. */
  readonly cache: boolean;
  /** Print everything: every guardrail warning, the whole review, Nx's own output on a build failure. */
  readonly verbose: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: npm start -- [--env NAME]... [--stack NAME]... [--concurrency N] [--outdir DIR] [--validate]
                    [--emulator] [--fail-on GATE]... [--no-review] [--no-cache] [--verbose]

Synthesizes the stacks offline (INFRA_OFFLINE=1), then runs terraform init (only where
the folder is not initialised for its backend, providers and lock file) and
terraform plan -refresh=false in every stack directory and writes
<outdir>/stacks/<stack>/plan.json (terraform show -json). With --emulator the stacks are
synthesized for the local emulator instead and planned against its state, with refresh, so
the plans and the review show drift and real updates.

  --env NAME         plan only this environment (repeatable; default: all)
  --stack NAME       plan only this stack, e.g. prod-eu-west-1 (repeatable)
  --concurrency N    stacks planned at once (default: one per core, at most one per 700 MB of free memory)
  --outdir DIR       synthesis output folder (default: cdktf.out; with --emulator cdktf.out/emulator)
  --validate         also run terraform validate in each stack
  --emulator         plan against the emulator at INFRA_EMULATOR_URL (default http://127.0.0.1:4566)
  --no-review        skip the review of the plans
  --no-cache         plan every stack again, even when the plan cache holds its plan
                     (offline plans only; INFRA_PLAN_CACHE_DIR, default node_modules/.cache/llm-platform/plans)
  --fail-on GATE     exit 1 when the review finds destructive, broadening, exposure, drift, cost or any findings
  --verbose          print everything: each guardrail warning, the whole review, Nx's full output on a build failure
  --help             print this text

After planning, the plans are reviewed (npm run review): the summary (counts, high findings,
cost) is printed, the whole report written to <outdir>/review.md, <outdir>/review.json and
<outdir>/review.html. A run replaces the folders of the stacks it plans, leaves other stacks'
folders as they are (and says so), and removes the folders of stacks that no longer exist,
never one that holds a Terraform state file.`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parsePlannerArgs(argv: readonly string[]): PlannerOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        env: { type: 'string', multiple: true },
        stack: { type: 'string', multiple: true },
        concurrency: { type: 'string' },
        outdir: { type: 'string' },
        validate: { type: 'boolean' },
        'no-review': { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        'fail-on': { type: 'string', multiple: true },
        emulator: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  const concurrencyText = values.concurrency;
  const concurrency = concurrencyText === undefined ? defaultPlanConcurrency(availableParallelism(), freemem()) : Number(concurrencyText);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_PLAN_CONCURRENCY) {
    throw new UsageError(`--concurrency must be a whole number 1..${MAX_PLAN_CONCURRENCY}, got "${concurrencyText}"`);
  }
  return {
    environments: splitList(values.env),
    stacks: splitList(values.stack),
    concurrency,
    outdir: values.outdir ?? (values.emulator ? 'cdktf.out/emulator' : 'cdktf.out'),
    validate: values.validate ?? false,
    failOn: parseFailOn(values['fail-on']),
    review: !(values['no-review'] ?? false),
    emulator: values.emulator ?? false,
    cache: !(values['no-cache'] ?? false),
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  };
}

function parseFailOn(values: readonly string[] | undefined): GateName[] {
  try {
    return parseGates(splitList(values));
  } catch (error) {
    throw new UsageError(`--fail-on: ${(error as Error).message}`);
  }
}

/** Accepts both `--env dev --env prod` and `--env dev,prod`. */
function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

/** Command-line options of `npm run review`. */
import { FORMATS, GATES, parseFormat, parseGates, readSuppressionsFile, RULE_IDS, type GateName, type ReportFormat, type Suppression } from '@llm/review';
import { parseArgs } from 'node:util';

export interface ReviewCliOptions {
  /** plan.json files or stack directories. */
  readonly plans: readonly string[];
  readonly states: readonly string[];
  readonly format: ReportFormat;
  readonly out: string | undefined;
  readonly failOn: readonly GateName[];
  readonly suppressions: readonly Suppression[];
  readonly requiredTags: readonly string[] | undefined;
  /** A guardrail report (cdktf.out/guardrails.json) to write as SARIF instead of reviewing plans. */
  readonly guardrails: string | undefined;
  readonly help: boolean;
}

export const USAGE = `Usage: npm run review -- <plan.json | stack dir>... [--state FILE]... [--format ${FORMATS.join('|')}]
         [--out FILE] [--fail-on ${GATES.join('|')}]... [--suppress RULE:ADDRESS=REASON]... [--suppressions FILE]...
         [--required-tags KEYS]
       npm run review -- --guardrails cdktf.out/guardrails.json --format sarif [--out FILE]

Reviews Terraform plans (terraform show -json of a saved plan, format 1.x) and states: per stack
what is created, updated, deleted and replaced, and what is risky, riskiest first.

  <plan.json | dir>   a plan, or a stack directory holding plan.json (cdktf.out/stacks/<stack>);
                      the directory's cdk.tf.json is what a state of the stack is compared with
  --state FILE        a state to review (terraform.tfstate, or terraform show -json of a state);
                      repeatable; it belongs to the stack named terraform.<stack>.tfstate, else
                      to the stack in the same folder, else to the only stack given
  --format F          ${FORMATS.join(', ')} (default terminal; colour only on a TTY).
                      sarif: SARIF 2.1.0 for GitHub code scanning; every rule, one result per
                      finding (suppressed ones marked) at its resource's line in cdk.tf.json
  --out FILE          write the report to FILE instead of standard output
  --fail-on GATE      exit 1 when a finding of this kind exists: destructive, broadening,
                      exposure, drift, cost (a change above the review threshold or an
                      estimate past the budget) or any (repeatable, or comma-separated)
  --suppress R:A=WHY  accept the finding of rule R on address A (* matches anything);
                      WHY says why, in at least 10 characters (repeatable)
  --suppressions F    accept the findings a JSON file lists ([{ rule, address, reason, stack? }]);
                      this repository's are in review-suppressions.json, which npm start uses too
  --required-tags K   comma-separated tag keys every taggable resource needs
                      (default: Project, Environment, Owner, CostCenter, ManagedBy, Region or Scope)
  --guardrails FILE   write the guardrail report of a synth (cdktf.out/guardrails.json) as SARIF
                      instead of reviewing plans: its errors, warnings and suppressed findings at
                      the stacks' cdk.tf.json; takes no plans, states, gates or suppressions
  --help              print this text

Rules: ${RULE_IDS.join(', ')}.
Exit codes: 0 reviewed, 1 a --fail-on gate failed, 2 usage or input error.`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseReviewArgs(argv: readonly string[]): ReviewCliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        state: { type: 'string', multiple: true },
        format: { type: 'string' },
        out: { type: 'string' },
        'fail-on': { type: 'string', multiple: true },
        suppress: { type: 'string', multiple: true },
        suppressions: { type: 'string', multiple: true },
        'required-tags': { type: 'string' },
        guardrails: { type: 'string' },
        help: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const help = values.help ?? false;
  if (values.guardrails !== undefined) return guardrailOptions(values.guardrails, values, positionals, help);
  if (!help && positionals.length === 0 && (values.state ?? []).length === 0) {
    throw new UsageError('no plan given: pass one or more plan.json files or stack directories (or --state FILE)');
  }
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a file name');
  return {
    plans: positionals,
    states: values.state ?? [],
    format: values.format === undefined ? 'terminal' : parseFormat(values.format),
    out: values.out,
    failOn: parseGates(values['fail-on'] ?? []),
    suppressions: [...(values.suppress ?? []).map(parseSuppression), ...(values.suppressions ?? []).flatMap((file) => readSuppressionsFile(file))],
    requiredTags: values['required-tags'] === undefined ? undefined : splitList(values['required-tags']),
    guardrails: undefined,
    help,
  };
}

interface ParsedValues {
  readonly state?: string[];
  readonly format?: string;
  readonly out?: string;
  readonly 'fail-on'?: string[];
  readonly suppress?: string[];
  readonly suppressions?: string[];
  readonly 'required-tags'?: string;
}

/** A guardrail report is converted on its own: options about plans would be silently ignored, so they are refused. */
function guardrailOptions(file: string, values: ParsedValues, positionals: readonly string[], help: boolean): ReviewCliOptions {
  if (file.trim() === '') throw new UsageError('--guardrails needs a file name (cdktf.out/guardrails.json)');
  if (positionals.length > 0 || (values.state ?? []).length > 0) {
    throw new UsageError('--guardrails converts a guardrail report on its own; review plans and states in a separate run');
  }
  const planOnly = (['fail-on', 'suppress', 'suppressions', 'required-tags'] as const).filter((name) => values[name] !== undefined);
  if (planOnly.length > 0) throw new UsageError(`${planOnly.map((name) => `--${name}`).join(', ')} apply to plans, not to --guardrails`);
  if (values.format !== undefined && values.format !== 'sarif')
    throw new UsageError(`--guardrails writes SARIF only: use --format sarif, not ${values.format}`);
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a file name');
  return { plans: [], states: [], format: 'sarif', out: values.out, failOn: [], suppressions: [], requiredTags: undefined, guardrails: file, help };
}

/** `iam-broadening:aws_iam_policy.Boundary*=the boundary is meant to allow everything`. */
export function parseSuppression(text: string): Suppression {
  const colon = text.indexOf(':');
  const equals = text.indexOf('=', colon + 1);
  if (colon <= 0 || equals === -1 || equals === colon + 1) {
    throw new UsageError(`--suppress takes RULE:ADDRESS=REASON, got "${text}"`);
  }
  return { rule: text.slice(0, colon).trim(), address: text.slice(colon + 1, equals).trim(), reason: text.slice(equals + 1).trim() };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

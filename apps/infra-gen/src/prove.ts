/**
 * The proof of a checked change: the environment synthesized twice offline (unchanged and changed
 * configuration) in a scratch folder, every stack planned with the real Terraform and the provider
 * mirror, and the review run on a real delta: a changed stack is planned against the state its
 * unchanged plan would leave (so a rename shows as a replace, a removed region as a destroy), an
 * unchanged stack is planned once (for the environment's cost), an added one from empty state.
 * Plans of unchanged configurations come from the planner's offline plan cache when present.
 *
 * Against the emulator (`emulatorUrl`, where `npm run deploy:local` applied the environment) both
 * sides are synthesized for it and every plan refreshes against its real state: the unchanged
 * configuration's plan is the control (drift and emulator gaps), the changed one the candidate,
 * and what both show alike is left out, so what remains is the change's own real delta.
 */
import {
  countChanges,
  findProviderMirror,
  mapWithConcurrency,
  PLAN_FILE,
  PLAN_JSON_FILE,
  parsePlanJson,
  PlanCache,
  planCacheDir,
  planStack,
  providerBuild,
  runTerraform,
  terraformEnvironment,
  terraformVersion,
  writeCliConfig,
  type PlanCacheIdentity,
  type StackPlanResult,
} from '@llm/terraform';
import { readSuppressionsFile, reviewFiles, type Finding, type Report } from '@llm/review';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { awsResourceSchemas, priorStateFromPlan, type ResourceSchemas } from './prior-state';
import { verdict, type Acceptable, type StackKind, type StackOutcome, type Verdict } from './verdict';

export interface ProofInput {
  readonly workspaceRoot: string;
  /** A fresh folder for this attempt: before/, after/, cli/. */
  readonly runDir: string;
  readonly environment: string;
  /** Every environment's input, unchanged and changed. */
  readonly beforeInputs: readonly unknown[];
  readonly afterInputs: readonly unknown[];
  /** The environment's account id, for the made-up ARNs of the offline prior state. */
  readonly accountId: string;
  /** The changed environment's monthly budget, USD. */
  readonly budgetUsd: number;
  readonly accept: readonly Acceptable[];
  /** Plan against the state of the emulator at this URL (with refresh) rather than offline. @default - offline */
  readonly emulatorUrl?: string;
  readonly progress?: (line: string) => void;
}

export interface StackProof extends StackOutcome {
  /** The folder whose plan.json the review read. */
  readonly dir: string;
  /** For an added region: the findings an unchanged region's plan has too, left out of the verdict. */
  readonly sameAsSibling?: { readonly stack: string; readonly findings: readonly Finding[] };
  /** For a changed stack: the findings the unchanged configuration's plan against the same state has too (drift, made-up values), left out of the verdict. */
  readonly sameAsControl?: readonly Finding[];
}

/** One stack's plan for the review; `controlDir` holds the unchanged configuration's plan against the same state. */
interface PlannedStack {
  readonly name: string;
  readonly dir: string;
  readonly controlDir?: string;
  readonly result: StackPlanResult;
}

/** The region of a regional stack (`<env>-<region>`), or undefined for the global and bootstrap stacks. */
function regionOf(stack: string, environment: string): string | undefined {
  const scope = stack.slice(environment.length + 1);
  return scope === 'global' || scope === 'bootstrap' ? undefined : scope;
}

/** A finding with its region and statement ids (hashes of region-specific ARNs) left out, to compare across regions. */
function findingKey(finding: Finding, region?: string): string {
  const message = (region ? finding.message.split(region).join('<region>') : finding.message).replace(/ ?\(statement [^)]*\)/g, '');
  return `${finding.rule}|${finding.address}|${message}`;
}

export type ProofResult =
  | { readonly ok: true; readonly stacks: readonly StackProof[]; readonly report: Report; readonly verdict: Verdict }
  | { readonly ok: false; readonly stage: 'synth' | 'plan'; readonly problems: readonly string[] };

/** Plans side by side: two cores, each provider process about 600 MB. */
const CONCURRENCY = 2;

export async function proveChange(input: ProofInput): Promise<ProofResult> {
  const progress = input.progress ?? (() => {});
  const before = join(input.runDir, 'before');
  const after = join(input.runDir, 'after');
  const emulator = input.emulatorUrl;
  progress(`synthesizing ${input.environment} ${emulator ? `for the emulator at ${emulator}` : 'offline'}, unchanged and changed, in ${input.runDir}`);
  const synths = await Promise.all([
    synthesize(input.workspaceRoot, input.runDir, 'before', input.beforeInputs, input.environment, emulator),
    synthesize(input.workspaceRoot, input.runDir, 'after', input.afterInputs, input.environment, emulator),
  ]);
  const synthProblems = synths.flatMap((synth, index) =>
    synth.ok ? [] : [`synthesis of the ${index === 0 ? 'unchanged' : 'changed'} configuration failed: ${synth.error}`],
  );
  if (synthProblems.length > 0) return { ok: false, stage: 'synth', problems: synthProblems };

  const beforeStacks = stackNames(before);
  const afterStacks = stackNames(after);
  const names = [...new Set([...beforeStacks, ...afterStacks])];
  const kinds = new Map<string, StackKind>(
    names.map((name) => [
      name,
      !beforeStacks.includes(name) ? 'added' : !afterStacks.includes(name) ? 'removed' : sameConfiguration(before, after, name) ? 'unchanged' : 'changed',
    ]),
  );
  progress(`stacks: ${names.map((name) => `${name} (${kinds.get(name)})`).join(', ')}`);

  const mirror = findProviderMirror();
  const env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(input.runDir, 'cli'), mirror) });
  const version = terraformVersion();
  const identity: PlanCacheIdentity | undefined = version ? { terraformVersion: version, providerBuild: providerBuild(mirror) } : undefined;
  const cache = identity ? { store: new PlanCache(planCacheDir(input.workspaceRoot)), identity } : undefined;
  const fromEmpty = (name: string, root: string) => planStack(name, join(root, 'stacks', name), env, cache ? { cache } : {});

  let schemas: Promise<ResourceSchemas> | undefined;
  const resourceSchemas = () => (schemas ??= awsResourceSchemas(join(input.runDir, 'provider-schema'), env));
  const artifacts = new Map<string, number>();

  const planned = await mapWithConcurrency(names, CONCURRENCY, async (name): Promise<PlannedStack> => {
    const kind = kinds.get(name) as StackKind;
    if (emulator) return planAgainstEmulator(name, kind, before, after, env, artifacts);
    if (kind === 'added') return { name, dir: join(after, 'stacks', name), result: await fromEmpty(name, after) };
    const first = await fromEmpty(name, before);
    if (kind === 'unchanged' || !first.ok) return { name, dir: join(before, 'stacks', name), result: first };
    const state = priorStateFromPlan(first.plan as never, await resourceSchemas(), input.accountId);
    const beforeDir = join(before, 'stacks', name);
    if (kind === 'removed') return { name, dir: beforeDir, result: await replan(name, beforeDir, state, env, true) };
    const afterDir = join(after, 'stacks', name);
    const [candidate, control] = [await replan(name, afterDir, state, env, false), await replan(name, beforeDir, state, env, false)];
    if (!candidate.ok || !control.ok) return { name, dir: afterDir, result: candidate.ok ? control : candidate };
    artifacts.set(name, dropArtifacts(candidate.planJsonPath, control.plan));
    return { name, dir: afterDir, controlDir: beforeDir, result: candidate };
  });
  const failed = planned.flatMap(({ name, result }) =>
    result.ok ? [] : [`terraform ${result.failedStep} of ${name} failed: ${firstLines(result.error, 12)}`],
  );
  if (failed.length > 0) return { ok: false, stage: 'plan', problems: failed };
  progress(
    `planned ${planned.length} stack${planned.length === 1 ? '' : 's'}${planned.some(({ result }) => result.ok && result.cached) ? ` (${planned.filter(({ result }) => result.ok && result.cached).length} from the plan cache)` : ''}`,
  );

  const alike = emulator ? "against the emulator's state (drift, emulator gaps)" : 'against the offline state (made-up values)';
  for (const [name, count] of artifacts)
    if (count > 0) progress(`${name}: ${count} change${count === 1 ? '' : 's'} the unchanged configuration shows too ${alike} left out of the review`);
  // The findings this repository accepts by design: the file npm start and the pull-request review read too.
  const suppressions = readSuppressionsFile(join(input.workspaceRoot, 'review-suppressions.json'));
  const report = reviewFiles({ plans: planned.map(({ dir }) => dir) }, { suppressions });
  const rawFindings = new Map(planned.map(({ name }, index) => [name, report.stacks[index].findings] as const));
  const controlled = planned.filter((entry): entry is PlannedStack & { controlDir: string } => entry.controlDir !== undefined);
  const controlReport = reviewFiles({ plans: controlled.map(({ controlDir }) => controlDir) }, { suppressions });
  const controlFindings = new Map(controlled.map(({ name }, index) => [name, controlReport.stacks[index].findings] as const));
  const stacks: StackProof[] = planned.map(({ name, dir }, index) => {
    const stack = report.stacks[index];
    const kind = kinds.get(name) as StackKind;
    const base = { name, kind, dir, summary: stack.summary, cost: stack.cost };
    if (kind === 'unchanged') return { ...base, findings: [] };
    if (kind === 'changed') {
      // What the unchanged configuration's plan shows too (drift outside Terraform, the made-up state) is not this change's.
      const known = new Set((controlFindings.get(name) ?? []).map((finding) => findingKey(finding)));
      const same = stack.findings.filter((finding) => known.has(findingKey(finding)));
      return { ...base, findings: stack.findings.filter((finding) => !same.includes(finding)), ...(same.length > 0 ? { sameAsControl: same } : {}) };
    }
    if (kind !== 'added') return { ...base, findings: stack.findings };
    // A new region gets what every region has: findings an unchanged region's plan from empty has too are not this change's.
    const sibling = names.find((other) => other !== name && kinds.get(other) === 'unchanged' && regionOf(other, input.environment));
    if (!sibling) return { ...base, findings: stack.findings };
    const known = new Set((rawFindings.get(sibling) ?? []).map((finding) => findingKey(finding, regionOf(sibling, input.environment) as string)));
    const region = regionOf(name, input.environment) as string;
    const same = stack.findings.filter((finding) => known.has(findingKey(finding, region)));
    return { ...base, findings: stack.findings.filter((finding) => !same.includes(finding)), sameAsSibling: { stack: sibling, findings: same } };
  });
  return { ok: true, stacks, report, verdict: verdict(stacks, input.budgetUsd, input.accept) };
}

/**
 * One stack against the emulator's real state, with refresh: the unchanged side first (the control,
 * and the plan of an unchanged stack), then the changed side, or a destroy plan of a removed stack.
 * The two sides share the stack's state, so they run one after the other (each takes the lock).
 */
async function planAgainstEmulator(
  name: string,
  kind: StackKind,
  before: string,
  after: string,
  env: NodeJS.ProcessEnv,
  artifacts: Map<string, number>,
): Promise<PlannedStack> {
  const beforeDir = join(before, 'stacks', name);
  const afterDir = join(after, 'stacks', name);
  if (kind === 'added') return { name, dir: afterDir, result: await planStack(name, afterDir, env, { refresh: true }) };
  if (kind === 'removed') return { name, dir: beforeDir, result: await destroyPlan(name, beforeDir, env, true) };
  const control = await planStack(name, beforeDir, env, { refresh: true });
  if (kind === 'unchanged' || !control.ok) return { name, dir: beforeDir, result: control };
  const candidate = await planStack(name, afterDir, env, { refresh: true });
  if (candidate.ok) artifacts.set(name, dropArtifacts(candidate.planJsonPath, control.plan));
  return { name, dir: afterDir, controlDir: beforeDir, result: candidate };
}

/** Plans `dir` against `state` (written as its local state, which the offline backend reads); a destroy plan for a removed stack. */
async function replan(name: string, dir: string, state: unknown, env: NodeJS.ProcessEnv, destroy: boolean): Promise<StackPlanResult> {
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state));
  return destroy ? destroyPlan(name, dir, env, false) : planStack(name, dir, env);
}

/** terraform init, plan -destroy and show -json: offline without refresh or lock, against real state with both. */
async function destroyPlan(name: string, dir: string, env: NodeJS.ProcessEnv, refresh: boolean): Promise<StackPlanResult> {
  const started = Date.now();
  for (const [step, args] of [
    ['init', ['init', '-input=false', '-no-color']],
    ['plan', ['plan', '-destroy', ...(refresh ? ['-lock-timeout=2m'] : ['-refresh=false', '-lock=false']), '-input=false', '-no-color', `-out=${PLAN_FILE}`]],
    ['show', ['show', '-json', '-no-color', PLAN_FILE]],
  ] as const) {
    const result = await runTerraform(args, dir, env);
    if (result.code !== 0) return { stack: name, ok: false, durationMs: Date.now() - started, failedStep: step, error: result.stderr || result.stdout };
    if (step === 'show') writeFileSync(join(dir, PLAN_JSON_FILE), result.stdout);
  }
  const plan = parsePlanJson(readFileSync(join(dir, PLAN_JSON_FILE), 'utf8'), `terraform show -json of ${name}`);
  return { stack: name, ok: true, durationMs: Date.now() - started, planJsonPath: join(dir, PLAN_JSON_FILE), plan, ...countChanges(plan) };
}

interface ResourceChange {
  readonly address: string;
  readonly change: { readonly actions: readonly string[]; readonly before?: unknown; readonly after?: unknown; readonly after_unknown?: unknown };
}

/**
 * Marks as no-op, in the candidate's plan.json, every change the control plan (the unchanged
 * configuration against the same made-up state) has too, identically: those come from the state's
 * made-up values, not from the change. Returns how many were dropped.
 */
function dropArtifacts(planJsonPath: string, control: unknown): number {
  const plan = JSON.parse(readFileSync(planJsonPath, 'utf8')) as { resource_changes?: ResourceChange[] };
  const controlChanges = new Map(((control as { resource_changes?: ResourceChange[] }).resource_changes ?? []).map((change) => [change.address, change]));
  let dropped = 0;
  plan.resource_changes = (plan.resource_changes ?? []).map((change) => {
    const twin = controlChanges.get(change.address);
    const acting = change.change.actions.join() !== 'no-op' && change.change.actions.join() !== 'read';
    if (
      !acting ||
      !twin ||
      twin.change.actions.join() !== change.change.actions.join() ||
      JSON.stringify(twin.change.after) !== JSON.stringify(change.change.after)
    )
      return change;
    dropped += 1;
    return { ...change, change: { ...change.change, actions: ['no-op'], after: change.change.before, after_unknown: {} } };
  });
  writeFileSync(planJsonPath, JSON.stringify(plan));
  return dropped;
}

function stackNames(outdir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
  return Object.keys(manifest.stacks);
}

/** Same cdk.tf.json, and so the same plan: assets are the same bundles on both sides. */
function sameConfiguration(before: string, after: string, name: string): boolean {
  const read = (root: string) => readFileSync(join(root, 'stacks', name, 'cdk.tf.json'), 'utf8');
  return read(before) === read(after);
}

function firstLines(text: string, count: number): string {
  const lines = text.trim().split('\n');
  return lines.length > count ? `${lines.slice(0, count).join('\n')}\n(${lines.length - count} more lines)` : lines.join('\n');
}

interface SynthOutcome {
  readonly ok: boolean;
  readonly error?: string;
}

/** One synthesis of `inputs` (only `environment`'s stacks; offline, or for the emulator) into <runDir>/<side>, in a child process. */
function synthesize(
  workspaceRoot: string,
  runDir: string,
  side: 'before' | 'after',
  inputs: readonly unknown[],
  environment: string,
  emulatorUrl: string | undefined,
): Promise<SynthOutcome> {
  const outdir = resolve(runDir, side);
  mkdirSync(outdir, { recursive: true });
  const inputsFile = join(runDir, `${side}.inputs.json`);
  writeFileSync(inputsFile, JSON.stringify(inputs, null, 2));
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(workspaceRoot, 'apps', 'infra-gen', 'src', 'worker.ts'),
        'synth',
        inputsFile,
        outdir,
        environment,
        ...(emulatorUrl ? [emulatorUrl] : []),
      ],
      {
        cwd: workspaceRoot,
        env: { ...process.env, CHECKPOINT_DISABLE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => done({ ok: false, error: error.message }));
    child.on('close', (code) => {
      if (code === 0 && existsSync(join(outdir, 'manifest.json'))) done({ ok: true });
      else done({ ok: false, error: `exit ${code}: ${firstLines(output, 20)}` });
    });
  });
}

/**
 * Reviews files named on a command line: plans (a plan.json or a stack directory holding one)
 * and states, each state matched to the stack it belongs to.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { inputErrors } from '../errors';
import { readJsonFile, statOrUndefined } from '../input/read';
import type { Report, StackReport } from '../model';
import { COST_CONTEXT_JSON, readCostContext, type CostContext } from '../cost/context';
import { withEnvironmentCosts } from '../cost/environments';
import type { ReviewOptions } from './options';
import { reviewStack, type StackInput } from './review-stack';

export const PLAN_JSON = 'plan.json';
export const CONFIGURATION_JSON = 'cdk.tf.json';

export interface PlanLocation {
  /** Stack name: the stack directory's name, or the file's name without `.json`. */
  readonly name: string;
  readonly planPath: string;
  /** The folder the plan lives in, whose cdk.tf.json (if any) is the stack's configuration. */
  readonly dir: string;
}

export interface ReviewFilesRequest {
  /** plan.json files (`terraform show -json` of a saved plan) or stack directories holding one. */
  readonly plans: readonly string[];
  /** State files: raw `terraform.tfstate` or `terraform show -json` of a state. */
  readonly states?: readonly string[];
  /**
   * Called with each plan once it is parsed and reviewed, to draw from the same object (see
   * `changeGraph`) instead of reading a big plan twice; the plan is dropped after it returns.
   * @default - nothing else reads the plans
   */
  readonly onPlan?: (stack: string, plan: unknown, path: string) => void;
}

/** Where the plan of a command-line argument is; a ReviewInputError when there is none. */
export function locatePlan(argument: string): PlanLocation {
  const stats = statOrUndefined(argument);
  if (!stats) throw inputErrors.missing(argument);
  if (stats.isDirectory()) {
    const planPath = join(argument, PLAN_JSON);
    if (!statOrUndefined(planPath)?.isFile()) throw inputErrors.directoryWithoutPlan(argument);
    return { name: basename(resolve(argument)), planPath, dir: argument };
  }
  const file = basename(argument);
  const name = file === PLAN_JSON ? basename(dirname(resolve(argument))) : file.replace(/(\.plan)?\.json$/i, '');
  return { name, planPath: argument, dir: dirname(argument) };
}

/**
 * Reviews every stack directory `npm start` planned: `<dir>/plan.json`, compared where a state is
 * given with `<dir>/cdk.tf.json`. Throws ReviewInputError (one line, naming the file) on bad input.
 */
export function reviewStackDirs(dirs: readonly string[], options: ReviewOptions = {}): Report {
  return reviewFiles({ plans: dirs }, options);
}

/** The cost context the synth wrote next to a stack's plan (cost-context.json), if any; a damaged one is an input error naming the file. */
export function costContextIn(dir: string): CostContext | undefined {
  const path = join(dir, COST_CONTEXT_JSON);
  return statOrUndefined(path)?.isFile() ? readCostContext(path) : undefined;
}

export function reviewFiles(request: ReviewFilesRequest, options: ReviewOptions = {}): Report {
  const plans = request.plans.map(locatePlan);
  const names = uniqueNames(plans.map((plan) => plan.name));
  const statesByStack = new Map<number, string[]>();
  const loneStates: string[] = [];
  for (const state of request.states ?? []) {
    const stats = statOrUndefined(state);
    if (!stats) throw inputErrors.missing(state);
    if (stats.isDirectory()) throw inputErrors.directoryAsState(state);
    const index = stackOfState(state, plans, names);
    if (index === undefined) loneStates.push(state);
    else statesByStack.set(index, [...(statesByStack.get(index) ?? []), state]);
  }
  const contexts = new Map<string, CostContext>();
  const stacks: StackReport[] = plans.map((plan, index) => {
    const costContext = costContextIn(plan.dir);
    if (costContext) contexts.set(names[index], costContext);
    const parsed = readJsonFile(plan.planPath);
    const stack = reviewStack(
      {
        name: names[index],
        plan: parsed,
        planSource: plan.planPath,
        ...stateInputs(statesByStack.get(index) ?? [], plan.dir),
        ...(costContext ? { costContext } : {}),
      },
      options,
    );
    request.onPlan?.(names[index], parsed, plan.planPath);
    return stack;
  });
  for (const state of loneStates) {
    stacks.push(reviewStack({ name: stateStackName(state), ...stateInputs([state], dirname(state)) }, options));
  }
  return withEnvironmentCosts({ stacks }, contexts, options.suppressions);
}

function stateInputs(states: readonly string[], dir: string): Partial<StackInput> {
  if (states.length === 0) return {};
  const configurationPath = join(dir, CONFIGURATION_JSON);
  const hasConfiguration = statOrUndefined(configurationPath)?.isFile() ?? false;
  return {
    states: states.map((path) => ({ state: readJsonFile(path), source: path })),
    ...(hasConfiguration ? { configuration: () => readJsonFile(configurationPath), configurationSource: configurationPath } : {}),
  };
}

/**
 * The stack a state belongs to: named by the file (`terraform.<stack>.tfstate`, cdktf's local
 * state), living in the stack's folder, or the only stack there is.
 */
function stackOfState(state: string, plans: readonly PlanLocation[], names: readonly string[]): number | undefined {
  const named = /^terraform\.(.+)\.tfstate$/.exec(basename(state));
  if (named) {
    const index = names.indexOf(named[1]);
    if (index !== -1) return index;
  }
  const folder = resolve(dirname(state));
  const inFolder = plans.findIndex((plan) => resolve(plan.dir) === folder);
  if (inFolder !== -1) return inFolder;
  return plans.length === 1 ? 0 : undefined;
}

function stateStackName(state: string): string {
  const file = basename(state);
  const named = /^terraform\.(.+)\.tfstate$/.exec(file);
  if (named) return named[1];
  if (/^terraform\.tfstate$/.test(file)) return basename(dirname(resolve(state)));
  return file.replace(/(\.tfstate)?(\.json)?$/i, '');
}

function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

/**
 * The cases every environment goes through in the emulator tier: apply every stack with
 * `npm run deploy:local` (into a fresh emulator), then a second plan that changes nothing but the
 * named fidelity gaps, then a review of the real state with no false finding. Each environment's
 * spec adds its own cases after these, on the same applied environment.
 */
import { reviewFiles, reviewStack, type Finding } from '@llm/review';
import { describeWithEmulator } from '@llm/emulator/testing';
import type { PlanJson } from '@llm/terraform';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmulatedEnvironment, type CommandRun } from './harness';
import { expectedGaps, judgeSecondPlan } from './second-plan';

/** Apply and destroy of an environment take minutes; the tier's own time is stated in the README. */
export const APPLY_TIMEOUT_MS = 20 * 60_000;
export const PLAN_TIMEOUT_MS = 5 * 60_000;

export interface AppliedEnvironment {
  readonly emulated: () => EmulatedEnvironment;
  readonly firstDeploy: () => CommandRun;
  /** The stacks terraform keeps state for in the state bucket (all but bootstrap). */
  readonly remoteStacks: () => string[];
}

export function describeAppliedEnvironment(
  name: string,
  moreCases: (applied: AppliedEnvironment) => void,
  onDeploySpawned?: (emulated: EmulatedEnvironment) => () => Promise<void>,
): void {
  describeWithEmulator(`${name} applied into the emulator`, () => {
    let emulated: EmulatedEnvironment | undefined;
    let firstDeploy: CommandRun | undefined;
    const get = () => {
      if (!emulated) throw new Error('the emulator did not start');
      return emulated;
    };
    const remoteStacks = () => [get().stackName('global'), ...get().env.regions.map((entry) => get().stackName(entry.region))];

    beforeAll(async () => {
      emulated = await EmulatedEnvironment.start(name);
    }, 60_000);
    afterAll(async () => {
      await emulated?.stop();
    }, 60_000);

    it(
      'applies every stack in order with npm run deploy:local',
      async () => {
        const finishWatching = onDeploySpawned?.(get());
        firstDeploy = await get().deploy();
        await finishWatching?.();
        if (firstDeploy.code !== 0) throw new Error(`deploy:local exited ${firstDeploy.code}:\n${firstDeploy.stdout}\n${firstDeploy.stderr}`);
        const order = [...firstDeploy.stdout.matchAll(/^\[\s*\d+\/\d+\] ok {3}(\S+): \+(\d+) ~0 -0/gm)].map((match) => match[1]);
        // Regional stacks run two at a time, so only bootstrap-then-global is a strict order.
        expect(order.slice(0, 2)).toEqual([get().stackName('bootstrap'), get().stackName('global')]);
        expect(new Set(order)).toEqual(new Set([get().stackName('bootstrap'), ...remoteStacks()]));
        expect(firstDeploy.stdout).toMatch(new RegExp(`total\\s+\\d+\\s+0\\s+0\\s+\\S+\\s+${order.length}/${order.length} applied`));
      },
      APPLY_TIMEOUT_MS,
    );

    it(
      'plans no change right after the apply, except the emulator fidelity gaps (a stale gap fails)',
      async () => {
        const plans = new Map<string, PlanJson>();
        for (const stack of [get().stackName('bootstrap'), ...remoteStacks()]) plans.set(stack, await get().plan(stack));
        const verdicts = [...plans.entries()].map(([stack, plan]) => ({ stack, ...judgeSecondPlan(plan) }));
        expect(verdicts.flatMap((verdict) => verdict.unexplained.map((line) => `${verdict.stack} ${line}`))).toEqual([]);
        const types = new Set([...plans.values()].flatMap((plan) => (plan.resource_changes ?? []).map((change) => change.type)));
        const expected = expectedGaps(types, get().env.lambda.packaging);
        const seen = new Set(verdicts.flatMap((verdict) => verdict.seen));
        expect(expected.filter((gap) => !seen.has(gap)).map((gap) => `${gap.resourceType}.${gap.attribute}`)).toEqual([]);
      },
      PLAN_TIMEOUT_MS * 3,
    );

    it(
      'reviews the applied state with no secret-in-state and no untagged resource',
      async () => {
        const states = [];
        for (const stack of remoteStacks()) states.push(await get().showState(stack));
        const report = reviewFiles({ plans: [], states });
        const findings: Array<Finding & { stack: string }> = report.stacks.flatMap((stack) =>
          stack.findings.map((finding) => ({ ...finding, stack: stack.name })),
        );
        expect(findings.filter((finding) => finding.rule === 'secret-in-state' || finding.rule === 'untagged-in-state')).toEqual([]);
        // The states are real: every stack holds the resources it applied.
        for (const path of states) expect(JSON.parse(readFileSync(path, 'utf8')).values.root_module.resources.length).toBeGreaterThan(5);
      },
      PLAN_TIMEOUT_MS,
    );

    it(
      'names a resource removed from the configuration as orphaned in the real state, and only that one',
      async () => {
        const stack = get().stackName(get().env.regions[0].region);
        const statePath = await get().showState(stack);
        const configuration = JSON.parse(readFileSync(join(get().stackDir(stack), 'cdk.tf.json'), 'utf8'));
        const alarms = configuration.resource.aws_cloudwatch_metric_alarm as Record<string, unknown>;
        const [removed] = Object.keys(alarms);
        delete alarms[removed];
        const states = [{ state: JSON.parse(readFileSync(statePath, 'utf8')) as unknown, source: statePath }];
        const report = reviewStack({ name: stack, states, configuration, configurationSource: 'cdk.tf.json' });
        expect(report.findings.filter((finding) => finding.rule === 'orphaned-in-state').map((finding) => finding.address)).toEqual([
          `aws_cloudwatch_metric_alarm.${removed}`,
        ]);
      },
      PLAN_TIMEOUT_MS,
    );

    moreCases({ emulated: get, firstDeploy: () => firstDeploy as CommandRun, remoteStacks });
  });
}

export function stateKey(stack: string): string {
  return join(stack, 'terraform.tfstate');
}

/**
 * What the review's cost estimate needs per stack, written next to its cdk.tf.json as
 * cost-context.json: the environment, the region, the budget and the stack's share of the usage
 * profile (regional stacks share the environment's requests evenly; the others serve none).
 */
import type { EnvironmentConfig } from '@llm/config';
import { COST_CONTEXT_JSON, type CostContext } from '@llm/pricing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectStack } from './project-stack';
import { RegionalStack } from './regional-stack';
import { JANITOR_INTERVAL_MINUTES } from './regional/workers';

export function costContextOf(stack: ProjectStack, env: EnvironmentConfig, environmentStacks: number): CostContext {
  const { usage } = env;
  const serves = stack instanceof RegionalStack;
  return {
    environment: env.name,
    region: stack.region,
    budgetUsd: env.budget.monthlyLimitUsd,
    reviewThresholdUsd: env.budget.reviewThresholdUsd,
    environmentStacks,
    usage: {
      requestsPerMonth: serves ? usage.requestsPerMonth / env.regions.length : 0,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      cachedInputShare: usage.cachedInputShare,
      modelMix: usage.modelMix ?? { [env.openai.defaultModel]: 1 },
      durationMs: usage.durationMs,
      ...(stack instanceof RegionalStack && stack.workers ? { scheduledFunctions: { [stack.workers.janitor.functionName]: JANITOR_RUNS } } : {}),
    },
  };
}

/** One run per JANITOR_SCHEDULE interval over the 730 hours of a month; a sweep that finds nothing takes about a second. */
const JANITOR_RUNS = { runsPerMonth: (730 * 60) / JANITOR_INTERVAL_MINUTES, durationMs: 2000 };

/** After `app.synth()`: one cost-context.json in each stack's folder (`<outdir>/stacks/<stack>`). */
export function writeCostContexts(outdir: string, stacksByEnvironment: ReadonlyArray<{ env: EnvironmentConfig; stacks: readonly ProjectStack[] }>): void {
  for (const { env, stacks } of stacksByEnvironment) {
    for (const stack of stacks) {
      const context = costContextOf(stack, env, stacks.length);
      writeFileSync(join(outdir, 'stacks', stack.node.id, COST_CONTEXT_JSON), `${JSON.stringify(context, null, 2)}\n`);
    }
  }
}

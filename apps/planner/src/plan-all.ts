/** Synthesizes the selected stacks offline and plans them, a few at a time. */
import { findProviderMirror, mapWithConcurrency, planStack, terraformEnvironment, writeCliConfig, type StackPlanResult } from '@llm/terraform';
import { join, resolve } from 'node:path';
import type { PlannerOptions } from './args';
import { UsageError } from './args';
import { synthesizeOffline } from './synth';

export interface PlanAllResult {
  readonly results: readonly StackPlanResult[];
  readonly wallMs: number;
  readonly mirror: string | undefined;
}

export async function planAll(
  workspaceRoot: string,
  options: PlannerOptions,
  onStackDone: (result: StackPlanResult, done: number, total: number) => void = () => undefined,
): Promise<PlanAllResult> {
  const started = Date.now();
  const outdir = resolve(workspaceRoot, options.outdir);
  const synthesized = synthesizeOffline(workspaceRoot, outdir, options.environments);
  const unknownStacks = options.stacks.filter((name) => !synthesized.some((stack) => stack.name === name));
  if (unknownStacks.length > 0) {
    throw new UsageError(
      `--stack names unknown stack(s) ${unknownStacks.join(', ')}; synthesized: ${synthesized.map((stack) => stack.name).join(', ')}`,
    );
  }
  const selected = options.stacks.length === 0 ? synthesized : synthesized.filter((stack) => options.stacks.includes(stack.name));

  const mirror = findProviderMirror();
  const env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(outdir, '.terraform-cli'), mirror) });
  let done = 0;
  const results = await mapWithConcurrency(selected, options.concurrency, async (stack) => {
    const result = await planStack(stack.name, stack.dir, env, { validate: options.validate });
    onStackDone(result, ++done, selected.length);
    return result;
  });
  return { results, wallMs: Date.now() - started, mirror };
}

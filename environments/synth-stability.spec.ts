/**
 * A stack's synthesized JSON depends on its own configuration only: not on which other stacks the
 * app builds, nor on construction order. A value taken from a token's text (which carries a
 * counter over the whole app) broke that once: a role policy's Sid changed when prod was
 * synthesized alone, and every apply after a full synth showed a perpetual diff.
 */
import { validateEnvironments, type EnvironmentConfig } from '@llm/config';
import { addEnvironmentStacks } from '@llm/stacks';
import { App, Testing } from 'cdktf';
import { ENVIRONMENTS } from './index';

const envs = validateEnvironments(ENVIRONMENTS);

function synthesizedStacks(selected: readonly EnvironmentConfig[]): Map<string, string> {
  const app: App = Testing.app();
  const stacks = selected.flatMap((env) => addEnvironmentStacks(app, env, 'offline'));
  return new Map(stacks.map((stack) => [stack.node.id, Testing.synth(stack)]));
}

describe('synthesized stacks', () => {
  const together = synthesizedStacks(envs);

  it.each(envs.map((env) => [env.name, env] as const))('%s synthesizes the same JSON alone as with every other environment', (_name, env) => {
    const alone = synthesizedStacks([env]);
    for (const [stack, json] of alone) expect({ stack, json }).toEqual({ stack, json: together.get(stack) });
  });

  it('synthesizes the same JSON when the environments are built in reverse order', () => {
    const reversed = synthesizedStacks([...envs].reverse());
    for (const [stack, json] of reversed) expect({ stack, json }).toEqual({ stack, json: together.get(stack) });
  });
});

/** The checked-in environments in emulator mode: nothing left out is still referenced, prod's image pipeline included. */
import { validateEnvironments } from '@llm/config';
import { addEnvironmentStacks, EMULATOR_LEFT_OUT, emulatorMode } from '@llm/stacks';
import { Testing } from 'cdktf';
import { ENVIRONMENTS } from './index';

describe.each(validateEnvironments(ENVIRONMENTS).map((env) => [env.name, env] as const))('%s in emulator mode', (_name, env) => {
  const stacks = addEnvironmentStacks(Testing.app(), env, emulatorMode('http://127.0.0.1:4566'));
  const synthesized = stacks.map((stack) => Testing.synth(stack));

  it('references no resource of a left-out type', () => {
    const referenced = Object.keys(EMULATOR_LEFT_OUT).filter((type) => synthesized.some((json) => json.includes(`\${${type}.`)));
    expect(referenced).toEqual([]);
  });

  it('declares no resource of a left-out type', () => {
    const declared = Object.keys(EMULATOR_LEFT_OUT).filter((type) => synthesized.some((json) => type in (JSON.parse(json).resource ?? {})));
    expect(declared).toEqual([]);
  });
});

it('prod names its CodeConnections connection by ARN in emulator mode, since it cannot create one there', () => {
  const prod = validateEnvironments(ENVIRONMENTS).find((env) => env.name === 'prod');
  const primary = addEnvironmentStacks(Testing.app(), prod!, emulatorMode('http://127.0.0.1:4566'))[2];
  expect(Testing.synth(primary)).toContain('arn:aws:codeconnections:eu-west-1:333333333333:connection/left-out-in-emulator');
});

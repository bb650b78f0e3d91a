/** Emulator mode: the real mode's backend and provider pointed at the emulator, minus the listed types only. */
import { developmentInput, productionInput } from '@llm/config/testing';
import { validateEnvironments } from '@llm/config';
import type { SynthBlock } from '@llm/terraform/testing';
import { App, Testing } from 'cdktf';
import { join } from 'node:path';
import { addEnvironmentStacks } from './app';
import { EMULATOR_LEFT_OUT } from './emulator-gaps';
import { emulatorMode, modeFromEnvironment, type DeploymentMode } from './mode';

const [dev, prod] = validateEnvironments([developmentInput(), productionInput()]);
const EMULATOR = emulatorMode('http://127.0.0.1:4599');

/** Each stack's synthesized JSON, by stack id. */
function synthesized(env: typeof dev, mode: DeploymentMode): Record<string, SynthBlock> {
  const app: App = Testing.app();
  const stacks = addEnvironmentStacks(app, env, mode);
  return Object.fromEntries(stacks.map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack)) as SynthBlock]));
}

const typesOf = (stacks: Record<string, SynthBlock>) => new Set(Object.values(stacks).flatMap((json) => Object.keys(json.resource ?? {})));

describe('emulator mode', () => {
  const emulated = synthesized(prod, EMULATOR);
  const real = synthesized(prod, 'real');

  it('uses the S3 backend of real mode, locking included, with the emulator as its endpoint and the account as its role', () => {
    const backend = emulated['prod-eu-west-1'].terraform.backend.s3;
    expect(backend).toMatchObject({
      bucket: 'llm-platform-prod-bootstrap-tfstate-333333333333',
      key: 'prod-eu-west-1/terraform.tfstate',
      encrypt: true,
      use_lockfile: true,
      use_path_style: true,
      endpoints: { s3: 'http://127.0.0.1:4599', sts: 'http://127.0.0.1:4599', iam: 'http://127.0.0.1:4599' },
      assume_role: { role_arn: 'arn:aws:iam::333333333333:role/llm-platform-emulator' },
    });
  });

  it("keeps allowed_account_ids and the environment's account in the provider", () => {
    const [provider] = emulated['prod-global'].provider.aws;
    expect(provider.allowed_account_ids).toEqual(['333333333333']);
    expect(provider.assume_role[0].role_arn).toBe('arn:aws:iam::333333333333:role/llm-platform-emulator');
    expect(provider.endpoints[0].s3).toBe('http://127.0.0.1:4599');
  });

  it('keeps the bootstrap state local, in a folder of this emulator port, never at the root', () => {
    const path = emulated['prod-bootstrap'].terraform.backend.local.path as string;
    expect(path).toBe(join(process.cwd(), '.emulator', '4599', 'terraform.prod-bootstrap.tfstate'));
  });

  it('leaves out the listed types and keeps every other type real mode has', () => {
    const listed = Object.keys(EMULATOR_LEFT_OUT);
    expect(listed.filter((type) => typesOf(emulated).has(type))).toEqual([]);
    expect(listed.filter((type) => typesOf(real).has(type)).length).toBeGreaterThan(3);
    const kept = [...typesOf(real)].filter((type) => !listed.includes(type));
    expect(kept.filter((type) => !typesOf(emulated).has(type))).toEqual([]);
  });

  it('leaves no reference to a left-out resource behind', () => {
    const text = JSON.stringify(Object.values(emulated));
    const referenced = Object.keys(EMULATOR_LEFT_OUT).filter((type) => text.includes(`\${${type}.`));
    expect(referenced).toEqual([]);
  });

  it('changes nothing in the offline and real modes', () => {
    for (const mode of ['offline', 'real'] as const) {
      const text = JSON.stringify(Object.values(synthesized(dev, mode)));
      expect(text).not.toContain('127.0.0.1');
      expect(text).not.toContain('llm-platform-emulator');
    }
  });
});

describe('modeFromEnvironment with INFRA_EMULATOR_URL', () => {
  it('selects emulator mode at that URL', () => {
    expect(modeFromEnvironment({ INFRA_EMULATOR_URL: 'http://127.0.0.1:4566' })).toEqual({ kind: 'emulator', url: new URL('http://127.0.0.1:4566') });
  });

  it('refuses INFRA_OFFLINE and INFRA_EMULATOR_URL together, and a URL that is not loopback', () => {
    expect(() => modeFromEnvironment({ INFRA_OFFLINE: '1', INFRA_EMULATOR_URL: 'http://127.0.0.1:4566' })).toThrow(/are both set; unset one of them/);
    expect(() => modeFromEnvironment({ INFRA_EMULATOR_URL: 'http://192.168.1.2:4566' })).toThrow(/is not a loopback address/);
  });
});

/**
 * Test helpers for the tier that runs the real terraform binary. Where Terraform is missing (a
 * laptop without it) the tier is skipped with one line saying so; in CI (CI=true) it must run,
 * so a missing binary fails the run instead of silently passing.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProviderMirror, writeCliConfig } from './mirror';
import { OFFLINE_PROVIDER_SETTINGS } from './offline-provider';
import { planStack, type StackPlanResult } from './plan-stack';
import { terraformEnvironment, terraformVersion } from './terraform';

export interface TerraformTier {
  readonly version: string | undefined;
  readonly mirror: string | undefined;
}

let cached: TerraformTier | undefined;

export function terraformTier(): TerraformTier {
  if (!cached) {
    // One probe of the binary; the mirror search is only worth it when there is a terraform to use it.
    const version = terraformVersion();
    cached = { version, mirror: version ? findProviderMirror() : undefined };
  }
  return cached;
}

/** `describe` that runs only where terraform is installed, and fails in CI where it is not. */
export function describeWithTerraform(name: string, body: () => void): void {
  const tier = terraformTier();
  if (tier.version) {
    // Jest gives each test file fresh modules, but the worker process (and its env) lives on.
    if (!tier.mirror && !process.env.LLM_MIRROR_NOTICE_SHOWN) {
      process.env.LLM_MIRROR_NOTICE_SHOWN = '1';
      notice('No provider mirror found (TF_PROVIDER_MIRROR unset, none in the usual places): the Terraform tier downloads hashicorp/aws from the registry.');
    }
    describe(name, body);
    return;
  }
  if (process.env.CI && process.env.CI !== 'false') {
    describe(name, () => {
      it('needs terraform on PATH in CI', () => {
        throw new Error('terraform is not on PATH, and CI must run the Terraform tier: install Terraform >= 1.10');
      });
    });
    return;
  }
  // tools/jest-integration-global-setup.js has said so once for the whole run.
  describe.skip(name, body);
}

/** One plain line on stderr; jest's console would wrap it in a stack trace and a code frame. */
function notice(line: string): void {
  process.stderr.write(`${line}\n`);
}

export interface OfflinePlanOptions {
  /** @default 'eu-west-1' */
  readonly region?: string;
  /** Tags every resource gets through default_tags. @default { Project: 'test' } */
  readonly defaultTags?: Record<string, string>;
}

export type OfflinePlanResult = StackPlanResult & {
  /** The synthesized cdk.tf.json, parsed. */
  readonly synthesized: SynthBlock;
};

/**
 * Builds a one-stack app with an offline AWS provider, synthesizes it and runs the real
 * terraform init, validate and plan on it: how a construct lib proves its typical use.
 */
export async function planOffline(build: (stack: TerraformStack) => void, options: OfflinePlanOptions = {}): Promise<OfflinePlanResult> {
  const dir = mkdtempSync(join(tmpdir(), 'plan-offline-'));
  try {
    const app = new App({ outdir: join(dir, 'out') });
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'Aws', {
      region: options.region ?? 'eu-west-1',
      defaultTags: [{ tags: options.defaultTags ?? { Project: 'test' } }],
      ...OFFLINE_PROVIDER_SETTINGS,
    });
    build(stack);
    app.synth();
    const stackDir = join(dir, 'out', 'stacks', 'test');
    const env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(dir, 'cli'), terraformTier().mirror) });
    const result = await planStack('test', stackDir, env, { validate: true });
    return { ...result, synthesized: JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Synthesized Terraform JSON (a cdk.tf.json, a resource block, a plan or state) as tests read it:
 * free-form, walked by property names the test asserts on. The one `any` of the test helpers;
 * others alias this type instead of writing their own.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form JSON in test helpers only, never a shipped API
export type SynthBlock = Record<string, any>;

/** Every resource of one type in a synthesized stack (`Testing.synthScope` output). */
export function resourcesOf(synthesized: string, type: string): SynthBlock[] {
  return Object.values((JSON.parse(synthesized).resource?.[type] ?? {}) as Record<string, SynthBlock>);
}

/** The one resource of a type; fails the test when there is not exactly one. */
export function onlyResource(synthesized: string, type: string): SynthBlock {
  const resources = resourcesOf(synthesized, type);
  expect(resources).toHaveLength(1);
  return resources[0];
}

/** The logical ids of one resource type, for `${type}.${id}` references. */
export function logicalIdsOf(synthesized: string, type: string): string[] {
  return Object.keys(JSON.parse(synthesized).resource?.[type] ?? {});
}

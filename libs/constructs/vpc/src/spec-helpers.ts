/** Shared arrangement for this lib's specs: typical props, a synth of one Vpc, and its resources by type. */
import type { SynthBlock } from '@llm/terraform/testing';
import { TerraformOutput, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { Vpc, type VpcProps } from './vpc';

export const NAME_PREFIX = 'llm-platform-prod-eu-west-1';
export const BOUNDARY_ARN = 'arn:aws:iam::333333333333:policy/llm-platform-prod-global-permission-boundary';

export const TYPICAL_PROPS: VpcProps = {
  cidr: '10.30.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  namePrefix: NAME_PREFIX,
  accountId: '333333333333',
  region: 'eu-west-1',
  permissionBoundaryArn: BOUNDARY_ARN,
};

/** `overrides` may be built in the test stack's scope, e.g. to pass a TerraformVariable as a token. */
export function synthVpc(overrides: Partial<VpcProps> | ((scope: Construct) => Partial<VpcProps>) = {}): string {
  return Testing.synthScope((scope) => {
    const extra = typeof overrides === 'function' ? overrides(scope) : overrides;
    new Vpc(scope, 'Vpc', { ...TYPICAL_PROPS, ...extra });
  });
}

/** A built Vpc, for its plain attributes (for token attributes such as ids, use `outputsOf`). */
export function buildVpc(overrides: Partial<VpcProps> = {}): Vpc {
  let vpc: Vpc | undefined;
  Testing.synthScope((scope) => {
    vpc = new Vpc(scope, 'Vpc', { ...TYPICAL_PROPS, ...overrides });
  });
  return vpc as Vpc;
}

/** A synthesized resource block: free-form JSON. */
export type Block = SynthBlock;

/** The resources of one Terraform type, keyed by their logical id. */
export function resourcesOf(synthesized: string, type: string): Record<string, Block> {
  return (JSON.parse(synthesized).resource?.[type] ?? {}) as Record<string, Block>;
}

/** The logical id cdktf gave the child `id` of the Vpc (`Vpc_PublicSubnetA_6D2CD58D`). */
export function logicalId(synthesized: string, type: string, id: string): string {
  // cdktf drops a path part that repeats its parent's: Vpc/Vpc becomes Vpc_<hash>.
  const pattern = new RegExp(id === 'Vpc' ? '^Vpc_[0-9A-F]{8}$' : `^Vpc_${id}_[0-9A-F]{8}$`);
  const found = Object.keys(resourcesOf(synthesized, type)).find((key) => pattern.test(key));
  if (!found) throw new Error(`no ${type} with id ${id} under Vpc`);
  return found;
}

export function reference(synthesized: string, type: string, id: string, attribute = 'id'): string {
  return `\${${type}.${logicalId(synthesized, type, id)}.${attribute}}`;
}

/** What the stack would output from the Vpc's attributes, the way stacks use them. */
export function outputsOf(overrides: Partial<VpcProps>, pick: (vpc: Vpc) => Record<string, unknown>): Record<string, unknown> {
  const synthesized = Testing.synthScope((scope) => {
    const vpc = new Vpc(scope, 'Vpc', { ...TYPICAL_PROPS, ...overrides });
    for (const [name, value] of Object.entries(pick(vpc))) new TerraformOutput(scope, name, { value });
  });
  const outputs = JSON.parse(synthesized).output as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));
}

/** Matches a reference to the Vpc's child `id` without spelling out cdktf's hash. */
export function referenceTo(type: string, id: string, attribute = 'id'): unknown {
  const name = id === 'Vpc' ? 'Vpc' : `Vpc_${id}`;
  return expect.stringMatching(new RegExp(`^\\$\\{${type}\\.${name}_[0-9A-F]{8}\\.${attribute}\\}$`));
}

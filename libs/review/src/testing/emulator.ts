/**
 * Real Terraform output of the dev-us-east-1 stack applied into a local AWS emulator (moto
 * server 5.2.1, Terraform 1.11.4, AWS provider 5.100.0), for tests that must hold on what
 * Terraform really writes rather than on hand-made JSON. Read-only: tests copy before changing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EMULATOR_FIXTURES = join(__dirname, 'fixtures', 'emulator');

export type EmulatorFixture =
  /** `terraform show -json` of the applied state, before any drift. */
  | 'state'
  /** The synthesized configuration (cdk.tf.json). */
  | 'cdk.tf'
  /** `terraform plan -refresh-only` after five changes made with the AWS API. */
  | 'refresh-only.plan'
  /** A normal plan (with refresh) of the same drifted state. */
  | 'drifted.plan';

export function emulatorFixturePath(fixture: EmulatorFixture): string {
  return join(EMULATOR_FIXTURES, `dev-us-east-1.${fixture}.json`);
}

/** The fixture parsed afresh on every call, so a test may change its copy. */
export function emulatorFixture(fixture: EmulatorFixture): Record<string, unknown> {
  return JSON.parse(readFileSync(emulatorFixturePath(fixture), 'utf8')) as Record<string, unknown>;
}

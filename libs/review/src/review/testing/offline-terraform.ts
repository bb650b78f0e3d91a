/**
 * Test helper for the review's integration tier: real `terraform plan` and `show -json` of
 * hand-written JSON configurations, offline (the provider mirror, fake credentials, no refresh),
 * and a prior state made from a first plan so that a second plan updates, moves or forgets.
 */
import { findProviderMirror, planStack, runTerraform, terraformEnvironment, writeCliConfig } from '@llm/terraform';
import type { SynthBlock } from '@llm/terraform/testing';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Terraform JSON is free-form: configurations, plans and states are plain JSON here. */
export type Json = SynthBlock;

/** The AWS provider as offline plans need it: no account, no credentials, no metadata service. */
const OFFLINE_PROVIDER = {
  region: 'eu-west-1',
  access_key: 'offline-plan-no-aws-account',
  secret_key: 'offline-plan-no-aws-account',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: 'true',
};

/** A whole configuration around the given blocks (resource, data, variable, locals, moved, removed, ...). */
export function offlineConfiguration(blocks: Json): Json {
  return { terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } }, provider: { aws: [OFFLINE_PROVIDER] }, ...blocks };
}

/** Text Terraform takes literally in a JSON configuration: `${` and `%{` would start a template. */
export function literal(text: string): string {
  // Replacer functions: in a replacement string `$$` would itself stand for one `$`.
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** An IAM policy document as a configuration string. */
export function policyText(...statements: object[]): string {
  return literal(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
}

export class OfflineTerraform {
  readonly root = mkdtempSync(join(tmpdir(), 'review-real-plans-'));
  private readonly env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(this.root, 'cli'), findProviderMirror()) });

  /** A stack folder as `npm start` leaves it: cdk.tf.json, plan.tfplan and plan.json. */
  dir(name: string): string {
    return join(this.root, name);
  }

  /** init, plan and show -json of `configuration` in the stack folder `name`; returns the plan. */
  async plan(name: string, configuration: Json): Promise<Json> {
    const dir = this.dir(name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(configuration, null, 1));
    const result = await planStack(name, dir, this.env);
    if (!result.ok) throw new Error(`terraform ${result.failedStep} failed for ${name}:\n${result.error}`);
    return this.readPlan(name);
  }

  /**
   * Plans `configuration` again in the same folder, against the state the first plan would leave
   * (written as terraform.tfstate, which Terraform then reads as the prior state).
   */
  async replan(name: string, state: Json, configuration: Json): Promise<Json> {
    const dir = this.dir(name);
    writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state));
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(configuration, null, 1));
    for (const args of [
      ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.tfplan'],
      ['show', '-json', '-no-color', 'plan.tfplan'],
    ]) {
      const result = await runTerraform(args, dir, this.env);
      if (result.code !== 0) throw new Error(`terraform ${args[0]} failed in ${dir}:\n${result.stderr}`);
      if (args[0] === 'show') writeFileSync(join(dir, 'plan.json'), result.stdout);
    }
    return this.readPlan(name);
  }

  readPlan(name: string): Json {
    return JSON.parse(readFileSync(join(this.dir(name), 'plan.json'), 'utf8')) as Json;
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * The raw state (version 4) applying `plan` would leave: its planned values, with what is known
 * only after apply made up (`id` from the name, an ARN from the id) and `extra` values per address
 * for computed attributes the provider would otherwise plan to change. Root module only.
 */
export function stateFromPlan(plan: Json, extra: Readonly<Record<string, Json>> = {}): Json {
  const unknown = new Map<string, Json>((plan.resource_changes ?? []).map((change: Json) => [change.address, change.change.after_unknown ?? {}]));
  const planned: Json[] = plan.planned_values?.root_module?.resources ?? [];
  const resources = planned
    .filter((resource) => resource.mode !== 'data')
    .map((resource) => {
      const values: Json = { ...resource.values };
      values.id ??= values.name ?? resource.name;
      if (unknown.get(resource.address)?.arn === true) values.arn = `arn:aws:${resource.type.replace(/^aws_/, '')}:eu-west-1:111111111111:${values.id}`;
      Object.assign(values, extra[resource.address] ?? {});
      return {
        mode: resource.mode ?? 'managed',
        type: resource.type,
        name: resource.name,
        provider: `provider["${resource.provider_name}"]`,
        instances: [{ schema_version: resource.schema_version ?? 0, attributes: values, sensitive_attributes: [] }],
      };
    });
  return { version: 4, terraform_version: plan.terraform_version, serial: 1, lineage: '00000000-0000-4000-8000-0000000c0ffe', outputs: {}, resources };
}

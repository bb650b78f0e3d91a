import { asPlan, asStateDocument, classify } from './detect';

describe('classify', () => {
  it('tells a plan, a shown state, a raw state and a configuration apart', () => {
    expect(classify({ format_version: '1.2', planned_values: {}, resource_changes: [] }, 'p').kind).toBe('plan');
    expect(classify({ format_version: '1.0', values: { root_module: {} } }, 's').kind).toBe('state');
    expect(classify({ format_version: '1.0' }, 'empty state').kind).toBe('state');
    expect(classify({ version: 4, serial: 1, lineage: 'x', resources: [] }, 'r').kind).toBe('raw-state');
    expect(classify({ resource: {}, provider: {} }, 'cdk.tf.json').kind).toBe('configuration');
  });

  it('reads format 0.2, which Terraform 1.0 writes for plans and states', () => {
    expect(classify({ format_version: '0.2', terraform_version: '1.0.11', planned_values: {}, resource_changes: [] }, 'p').kind).toBe('plan');
    expect(classify({ format_version: '0.2', values: { root_module: {} } }, 's').kind).toBe('state');
    expect(classify({ format_version: '0.2', resource_changes: [], prior_state: { format_version: '0.2', values: {} } }, 'p').kind).toBe('plan');
  });

  it('refuses unknown format versions, naming the file and what it reads instead', () => {
    expect(() => classify({ format_version: '2.0', resource_changes: [] }, 'plan.json')).toThrow(
      'plan.json: has plan format_version "2.0"; this review reads format 1.x and 0.2 (Terraform >= 1.0)',
    );
    expect(() => classify({ format_version: '0.1', values: {} }, 'state.json')).toThrow('state.json: has state format_version "0.1"');
    expect(() => classify({ format_version: '0.1', resource_changes: [] }, 'old.json')).toThrow(
      'old.json: has plan format_version "0.1"; this review reads format 1.x and 0.2',
    );
    expect(() => classify({ version: 3, serial: 1, modules: [] }, 'old.tfstate')).toThrow(
      'old.tfstate: is a state file of version 3; this review reads version 4 (Terraform >= 0.12)',
    );
  });

  it('refuses JSON that is no Terraform document at all', () => {
    expect(() => classify([1, 2], 'a.json')).toThrow('a.json: is JSON an array, not a Terraform plan or state object');
    expect(() => classify({ hello: 'world' }, 'b.json')).toThrow(/^b\.json: is JSON but neither a Terraform plan nor a state/);
  });

  it('refuses a plan whose changes lack the fields the rules read', () => {
    expect(() => classify({ format_version: '1.2', resource_changes: [{ address: 'a.b', type: 'a' }] }, 'p.json')).toThrow(
      'p.json: resource_changes[0] (a.b) has no change.actions; is this unmodified `terraform show -json` output?',
    );
    expect(() => classify({ format_version: '1.2', resource_changes: {} }, 'p.json')).toThrow('p.json: resource_changes is not a list');
    expect(() => classify({ format_version: '1.2', planned_values: {}, errored: true }, 'p.json')).toThrow(/marked as errored/);
  });
});

describe('asPlan and asStateDocument', () => {
  it('say when a state is given as a plan and the other way round', () => {
    expect(() => asPlan({ version: 4, serial: 1, lineage: 'x', resources: [] }, 'terraform.tfstate')).toThrow(
      'terraform.tfstate: is a Terraform state, not a plan; pass it with --state',
    );
    expect(() => asPlan({ resource: {} }, 'cdk.tf.json')).toThrow('cdk.tf.json: is a Terraform configuration (cdk.tf.json), not a plan');
    expect(() => asStateDocument({ format_version: '1.2', planned_values: {} }, 'plan.json')).toThrow(
      'plan.json: is a Terraform plan, not a state; pass it without --state',
    );
  });
});

/**
 * The review's fixes on public plans written by real Terraform, vendored unchanged (only the
 * trailing newline may differ) under testing/fixtures/public/:
 *
 * - trivy-plan-with-template.tf10.json: aquasecurity/trivy,
 *   pkg/iac/scanners/terraformplan/tfjson/test/testdata/plan_with_template.json at
 *   5365bdf1c3e6d359806f26849cbe3169699766bb (Terraform 1.0.3, plan format 0.2).
 * - terraform-show-json-moved.plan.json and terraform-show-json-moved.state.json: hashicorp/terraform,
 *   internal/command/testdata/show-json/moved/output.json at 3c32f7a56cc0dfbd68f0eeef3534fe488c1f919e
 *   and .../moved/terraform.tfstate at 52414a897895c052083e687b508947d0138cbe90 (a moved block:
 *   test_instance.foo -> test_instance.baz, updated in place).
 * - terraform-json-moved-block.plan.json: hashicorp/terraform-json, testdata/moved_block/plan.json at
 *   7b6d8db559c22870cfc9db9f2e84846d97609bfe (Terraform 1.5.3, a pure move: no-op).
 * - terraform-show-json-sensitive-values.plan.json: hashicorp/terraform,
 *   internal/command/testdata/show-json/sensitive-values/output.json at 38d943a569beeb38b090379b44517f69791c7cb3
 *   (an attribute set from a sensitive variable).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gateFailures } from '../gating';
import type { ResourceChangeJson } from '../input/terraform-json';
import { ChangeView } from './change-view';
import { reviewFiles } from './files';

const PUBLIC = join(__dirname, '..', 'testing', 'fixtures', 'public');

function findings(path: string, state?: string): string[] {
  const [stack] = reviewFiles({ plans: [join(PUBLIC, path)], ...(state ? { states: [join(PUBLIC, state)] } : {}) }).stacks;
  return stack.findings
    .filter((finding) => finding.rule !== 'missing-tags' && finding.rule !== 'untagged-in-state')
    .map((finding) => `${finding.severity} ${finding.rule} ${finding.address}: ${finding.message}`);
}

describe('public plans', () => {
  it('reads a Terraform 1.0 plan (format 0.2, its prior state too) and reviews it like any other', () => {
    const [stack] = reviewFiles({ plans: [join(PUBLIC, 'trivy-plan-with-template.tf10.json')] }).stacks;

    expect(stack.summary).toEqual({ create: 3, update: 0, delete: 0, replace: 0, noop: 0 });
    expect(findings('trivy-plan-with-template.tf10.json')).toEqual(['medium public-exposure aws_security_group.sg: ingress tcp port 80 open to 0.0.0.0/0']);
  });

  it('reports a moved resource as moved, not the state address it leaves as orphaned, and passes the destructive gate', () => {
    const report = reviewFiles({
      plans: [join(PUBLIC, 'terraform-show-json-moved.plan.json')],
      states: [join(PUBLIC, 'terraform-show-json-moved.state.json')],
    });

    expect(findings('terraform-show-json-moved.plan.json', 'terraform-show-json-moved.state.json')).toEqual([
      'low moved-resource test_instance.baz: moved from test_instance.foo; also updated in place',
    ]);
    expect(gateFailures(report, ['destructive'])).toEqual([]);
    expect(findings('terraform-json-moved-block.plan.json')).toEqual(['low moved-resource random_id.test2: moved from random_id.test']);
  });

  it('masks what Terraform marks sensitive before any rule reads it', () => {
    const plan = JSON.parse(readFileSync(join(PUBLIC, 'terraform-show-json-sensitive-values.plan.json'), 'utf8')) as { resource_changes: ResourceChangeJson[] };

    const change = new ChangeView(plan.resource_changes[0]);

    expect(change.after).toEqual({ ami: '(sensitive)' });
    expect(change.sensitivePaths).toEqual(new Set(['ami']));
  });
});

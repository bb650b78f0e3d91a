/**
 * The review on real Terraform output: terraform show -json of dev-us-east-1 applied into moto
 * server 5.2.1, Terraform 1.11.4, AWS provider 5.100.0 (testing/fixtures/emulator). Five changes
 * were made behind Terraform's back with the AWS API: output bucket versioning suspended, the
 * function log group's retention 14 -> 1, `s3:*` on `*` added to the API role's inline policy,
 * the Lambda security group opened to 0.0.0.0/0 on tcp/22, and the VPC's Owner tag removed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gateFailures, parseGates } from '../gating';
import type { Finding, StackReport } from '../model';
import { emulatorFixture } from '../testing/emulator';
import { reviewFiles } from './files';
import { reviewStack } from './review-stack';

const LOG_GROUP = 'aws_cloudwatch_log_group.ApiFunction_LogGroup_9F046BC1';
const ROLE = 'aws_iam_role.ApiRole_F3A6151F';
const ROLE_POLICY = 'aws_iam_role_policy.ApiRole_Policy_0F1FB48E';
const VERSIONING = 'aws_s3_bucket_versioning.OutputBucket_Versioning_F9BEC495';
const SECURITY_GROUP = 'aws_security_group.Vpc_LambdaSecurityGroup_2A8C2D42';
const VPC = 'aws_vpc.Vpc_FB0DB6AD';
const REMOVED_ALARM = 'FunctionAlarms_Throttles_B756FDA2';

const lines = (report: StackReport, rule: string) =>
  report.findings.filter((finding) => finding.rule === rule).map((finding) => `${finding.severity} ${finding.address}: ${finding.message}`);

const DRIFT = [
  `medium ${LOG_GROUP}: changed outside Terraform: retention_in_days 14 -> 1`,
  `medium ${ROLE_POLICY}: changed outside Terraform: policy: statement AddedByHand (Allow s3:* on *) added`,
  `medium ${VERSIONING}: changed outside Terraform: versioning_configuration[0].status Enabled -> Suspended`,
  `medium ${SECURITY_GROUP}: changed outside Terraform: ingress added {cidr_blocks: [0.0.0.0/0], from_port: 22, protocol: tcp, to_port: 22}`,
  `medium ${VPC}: changed outside Terraform: tags_all["Owner"] platform-team -> (none); required tag Owner now missing`,
];

describe('the review of a refresh-only plan after changes made outside Terraform', () => {
  const report = reviewStack({ name: 'dev-us-east-1', plan: emulatorFixture('refresh-only.plan') });

  it('reports exactly the five real drifts, none of the normalisation or mirrors refresh also shows', () => {
    expect(lines(report, 'drift')).toEqual(DRIFT);
  });

  it("reports the role's drift once, on its aws_iam_role_policy, and not again on the role's inline_policy mirror", () => {
    const onRole = report.findings.filter((finding) => finding.address === ROLE);

    expect(onRole).toEqual([]);
  });

  it('finds the port opened and the policy broadened outside Terraform', () => {
    expect(lines(report, 'public-exposure')).toEqual([`high ${SECURITY_GROUP}: opened outside Terraform: ingress tcp port 22 (SSH) open to 0.0.0.0/0`]);
    expect(lines(report, 'iam-broadening')).toEqual([`high ${ROLE_POLICY}: broadened outside Terraform: policy: new action s3:* on * (statement AddedByHand)`]);
  });

  it('fails --fail-on drift on each drifted resource, and the exposure and broadening gates on theirs', () => {
    const failing = (gate: string) => gateFailures({ stacks: [report] }, parseGates([gate])).map((finding: Finding) => finding.address);

    expect(failing('drift')).toEqual([LOG_GROUP, ROLE_POLICY, VERSIONING, SECURITY_GROUP, VPC]);
    expect(failing('exposure')).toEqual([SECURITY_GROUP]);
    expect(failing('broadening')).toEqual([ROLE_POLICY]);
  });

  it("does not call the API's api_key_selection_expression a secret in the plan's prior state", () => {
    expect(lines(report, 'secret-in-state')).toEqual([]);
  });
});

describe('the review of a normal plan of the drifted state', () => {
  const report = reviewStack({ name: 'dev-us-east-1', plan: emulatorFixture('drifted.plan') });

  it('reports the same drift, and says which the plan does not put back', () => {
    // The security group's ingress is not in the configuration (its rules are resources of their own), so the apply keeps port 22 open.
    expect(lines(report, 'drift')).toEqual(DRIFT.map((line) => (line.includes(SECURITY_GROUP) ? `${line}; this plan leaves it as it is` : line)));
    expect(lines(report, 'public-exposure')).toEqual([`high ${SECURITY_GROUP}: opened outside Terraform: ingress tcp port 22 (SSH) open to 0.0.0.0/0`]);
  });

  it('counts the updates that put things back (and the Lambda logging_config the emulator reads back differently)', () => {
    expect(report.summary).toEqual({ create: 0, update: 5, delete: 0, replace: 0, noop: 45 });
  });
});

describe('the review of the applied state', () => {
  const state = () => [{ state: emulatorFixture('state'), source: 'dev-us-east-1.state.json' }];

  it('finds no secret and no untagged resource, and nothing orphaned against its own configuration', () => {
    const report = reviewStack({ name: 'dev-us-east-1', states: state(), configuration: emulatorFixture('cdk.tf'), configurationSource: 'cdk.tf.json' });

    expect(report.inventory?.resources).toBe(50);
    expect(report.findings).toEqual([]);
    expect(report.notes).toEqual([]);
  });

  it('names exactly the resource a configuration no longer declares', () => {
    const configuration = withoutAlarm(emulatorFixture('cdk.tf'), REMOVED_ALARM);

    const report = reviewStack({ name: 'dev-us-east-1', states: state(), configuration, configurationSource: 'cdk.tf.json' });

    expect(lines(report, 'orphaned-in-state')).toEqual([
      `medium aws_cloudwatch_metric_alarm.${REMOVED_ALARM}: in state but not declared in cdk.tf.json: the next apply destroys it`,
    ]);
  });

  describe('read from files, as `npm run review -- <stack dir> --state <file>` does', () => {
    const root = mkdtempSync(join(tmpdir(), 'review-emulator-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it("compares the state in a stack's folder with that folder's cdk.tf.json", () => {
      const dir = join(root, 'dev-us-east-1');
      mkdirSync(dir);
      writeFileSync(join(dir, 'plan.json'), JSON.stringify(emulatorFixture('drifted.plan')));
      writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(withoutAlarm(emulatorFixture('cdk.tf'), REMOVED_ALARM)));
      writeFileSync(join(dir, 'state.json'), JSON.stringify(emulatorFixture('state')));

      const [report] = reviewFiles({ plans: [dir], states: [join(dir, 'state.json')] }).stacks;

      expect(report.findings.filter((finding) => finding.rule.endsWith('-in-state')).map((finding) => `${finding.rule} ${finding.address}`)).toEqual([
        `orphaned-in-state aws_cloudwatch_metric_alarm.${REMOVED_ALARM}`,
      ]);
    });
  });
});

/** A copy of the configuration without one of its alarms, as if its construct had been removed. */
function withoutAlarm(configuration: Record<string, unknown>, name: string): Record<string, unknown> {
  const resources = configuration.resource as Record<string, Record<string, unknown>>;
  const { [name]: removed, ...alarms } = resources.aws_cloudwatch_metric_alarm;
  expect(removed).toBeDefined();
  return { ...configuration, resource: { ...resources, aws_cloudwatch_metric_alarm: alarms } };
}

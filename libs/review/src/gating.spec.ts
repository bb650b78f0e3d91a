import { gateFailures, parseGates } from './gating';
import type { Report } from './model';
import { QUIET_STACK, SAMPLE_REPORT } from './testing/reports';

describe('parseGates', () => {
  it('accepts repeated and comma-separated gates, and refuses unknown ones', () => {
    expect(parseGates(['destructive,exposure', 'destructive'])).toEqual(['destructive', 'exposure']);
    expect(() => parseGates(['destroy'])).toThrow('unknown --fail-on value "destroy"; use destructive, broadening, exposure, drift, cost, any');
  });
});

describe('gateFailures', () => {
  const failing = (...gates: Parameters<typeof parseGates>[0]) =>
    gateFailures(SAMPLE_REPORT, parseGates(gates)).map((finding) => `${finding.stack} ${finding.address}`);

  it('fails each gate only on its own kind of finding', () => {
    expect(failing('destructive')).toEqual(['prod-eu-west-1 aws_s3_bucket.data']);
    expect(failing('broadening')).toEqual(['prod-eu-west-1 aws_iam_role_policy.api']);
    expect(failing('exposure')).toEqual(['prod-eu-west-1 aws_security_group.web']);
  });

  it('fails any on every finding, and never on suppressed ones', () => {
    expect(failing('any')).toEqual([
      'dev-eu-west-1 aws_sqs_queue.jobs',
      'prod-eu-west-1 aws_s3_bucket.data',
      'prod-eu-west-1 aws_iam_role_policy.api',
      'prod-eu-west-1 aws_security_group.web',
    ]);
    expect(failing('broadening')).not.toContain('prod-eu-west-1 aws_iam_policy.boundary');
  });

  it('fails drift on changes made outside Terraform, and no other gate on them', () => {
    const drifted: Report = {
      stacks: [
        {
          ...QUIET_STACK,
          findings: [
            ...QUIET_STACK.findings,
            {
              severity: 'medium',
              rule: 'drift',
              address: 'aws_s3_bucket_versioning.data',
              message: 'changed outside Terraform: versioning_configuration[0].status Enabled -> Suspended',
            },
          ],
        },
      ],
    };
    const failing = (gate: string) => gateFailures(drifted, parseGates([gate])).map((finding) => `${finding.stack} ${finding.rule} ${finding.address}`);

    expect(failing('drift')).toEqual(['dev-eu-west-1 drift aws_s3_bucket_versioning.data']);
    expect(failing('destructive,broadening,exposure')).toEqual([]);
    expect(gateFailures(SAMPLE_REPORT, parseGates(['drift']))).toEqual([]);
  });

  it('passes without gates', () => {
    expect(gateFailures(SAMPLE_REPORT, [])).toEqual([]);
  });
});

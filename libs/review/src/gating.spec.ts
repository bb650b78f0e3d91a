import { gateFailures, parseGates } from './gating';
import { SAMPLE_REPORT } from './testing/reports';

describe('parseGates', () => {
  it('accepts repeated and comma-separated gates, and refuses unknown ones', () => {
    expect(parseGates(['destructive,exposure', 'destructive'])).toEqual(['destructive', 'exposure']);
    expect(() => parseGates(['destroy'])).toThrow('unknown --fail-on value "destroy"; use destructive, broadening, exposure, any');
  });
});

describe('gateFailures', () => {
  const failing = (...gates: Parameters<typeof parseGates>[0]) => gateFailures(SAMPLE_REPORT, parseGates(gates)).map((finding) => `${finding.stack} ${finding.address}`);

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

  it('passes without gates', () => {
    expect(gateFailures(SAMPLE_REPORT, [])).toEqual([]);
  });
});

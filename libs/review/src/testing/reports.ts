/** A small report for the format tests: a quiet stack first, a risky one second. */
import type { Report, StackReport } from '../model';

export const QUIET_STACK: StackReport = {
  name: 'dev-eu-west-1',
  sources: ['cdktf.out/stacks/dev-eu-west-1/plan.json'],
  summary: { create: 2, update: 0, delete: 0, replace: 0, noop: 5 },
  outputs: [],
  iam: [],
  findings: [{ severity: 'low', rule: 'missing-tags', address: 'aws_sqs_queue.jobs', message: 'tags_all lacks Owner' }],
  suppressed: [],
  notes: [],
};

export const RISKY_STACK: StackReport = {
  name: 'prod-eu-west-1',
  sources: ['cdktf.out/stacks/prod-eu-west-1/plan.json', 'terraform.tfstate'],
  summary: { create: 1, update: 2, delete: 1, replace: 1, noop: 7 },
  outputs: [
    { name: 'bucket_name', action: 'update' },
    { name: 'queue_url', action: 'delete' },
  ],
  iam: [
    {
      address: 'aws_iam_role_policy.api',
      document: 'policy',
      added: [{ effect: 'Allow', actions: ['s3:*'], resources: ['*'], principals: [], conditions: [] }],
      removed: [{ effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::data/*'], principals: [], conditions: [] }],
      attached: [],
      detached: [],
    },
  ],
  inventory: {
    resources: 3,
    byType: [
      ['aws_s3_bucket', 2],
      ['aws_iam_role', 1],
    ],
  },
  findings: [
    { severity: 'high', rule: 'destructive-change', address: 'aws_s3_bucket.data', message: 'replaced (destroy before create): bucket forces replacement' },
    { severity: 'high', rule: 'iam-broadening', address: 'aws_iam_role_policy.api', message: 'policy: new action s3:* on *' },
    { severity: 'medium', rule: 'public-exposure', address: 'aws_security_group.web', message: 'ingress tcp port 443 open to 0.0.0.0/0 | <all>' },
  ],
  suppressed: [
    {
      severity: 'high',
      rule: 'iam-broadening',
      address: 'aws_iam_policy.boundary',
      message: 'policy: new action * on *',
      reason: 'a permission boundary allows all by design',
    },
  ],
  notes: [],
};

export const SAMPLE_REPORT: Report = { stacks: [QUIET_STACK, RISKY_STACK] };

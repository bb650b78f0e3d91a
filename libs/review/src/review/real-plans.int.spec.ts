/**
 * The review's fixes proven on plans made here by the real Terraform 1.11 and AWS provider
 * 5.100.0, offline: moved and removed blocks against a prior state, IAM conditions and
 * organization and Identity Center policies that grant more, sensitive policies that no format
 * may print, the default security group and VPC endpoint, and plans as Windows and a hurried
 * user hand them over (UTF-16, the binary planfile).
 */
import { describeWithTerraform } from '@llm/terraform/testing';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatReport } from '../formats/index';
import { gateFailures } from '../gating';
import type { Finding, StackReport } from '../model';
import { reviewFiles, reviewStackDirs } from './files';
import { literal, OfflineTerraform, offlineConfiguration, policyText, stateFromPlan, type Json } from './testing/offline-terraform';

const GITHUB_OIDC = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
const PERMISSION_SET = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-1111111111111111';
const SSO_INSTANCE = 'arn:aws:sso:::instance/ssoins-1111111111111111';
/** What the sensitive policies hold; none of it may reach any format. */
const SECRETS = ['very-secret-bucket-7f3a', 'TopSecretSid01', 'HiddenSid02'];
const DEFAULT_ENDPOINT_POLICY = '{"Statement":[{"Action":"*","Effect":"Allow","Principal":"*","Resource":"*"}]}';

function lines(stack: StackReport, rule: string): string[] {
  return stack.findings.filter((finding: Finding) => finding.rule === rule).map((finding) => `${finding.severity} ${finding.address}: ${finding.message}`);
}

function githubTrust(sub: string): string {
  return policyText({
    Effect: 'Allow',
    Action: 'sts:AssumeRoleWithWebIdentity',
    Principal: { Federated: GITHUB_OIDC },
    Condition: {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': sub },
    },
  });
}

/** Queues renamed by a moved block and left in AWS by a removed block (destroy = false). */
function lifecycleConfiguration(after: boolean): Json {
  const queues = after
    ? { jobs: { name: 'review-lc-jobs' }, plain: { name: 'review-lc-plain' } }
    : { old: { name: 'review-lc-jobs' }, kept: { name: 'review-lc-kept' }, plain: { name: 'review-lc-plain' } };
  return offlineConfiguration({
    resource: { aws_sqs_queue: queues },
    ...(after
      ? { moved: [{ from: 'aws_sqs_queue.old', to: 'aws_sqs_queue.jobs' }], removed: [{ from: 'aws_sqs_queue.kept', lifecycle: [{ destroy: false }] }] }
      : {}),
  });
}

/** Policies whose conditions, statements and attachments change from `before` to `after`. */
function iamConfiguration(after: boolean): Json {
  const regions = (allowed: string[]) =>
    policyText({
      Sid: 'DenyOtherRegions',
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': allowed } },
    });
  const read = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::review-iam-data/*' };
  return offlineConfiguration({
    resource: {
      aws_iam_role: {
        ci: { name: 'review-iam-ci', assume_role_policy: githubTrust(after ? 'repo:acme/*' : 'repo:acme/x:ref:refs/heads/main') },
        deploy: { name: 'review-iam-deploy', assume_role_policy: githubTrust(after ? 'repo:acme/x:ref:refs/heads/main' : 'repo:acme/*') },
      },
      aws_iam_role_policy: {
        ranged: {
          name: 'ranged',
          role: 'review-iam-ci',
          policy: policyText({ ...read, Sid: 'FromOffice', Condition: { IpAddress: { 'aws:SourceIp': after ? '0.0.0.0/0' : '10.0.0.0/8' } } }),
        },
        renamed: {
          name: 'renamed',
          role: 'review-iam-ci',
          policy: policyText(
            after ? { ...read, Sid: 'ReadAll' } : { ...read, Sid: 'ReadTagged', Condition: { StringEquals: { 's3:ExistingObjectTag/team': 'ci' } } },
          ),
        },
      },
      aws_iam_policy: {
        tagged: {
          name: 'review-iam-tagged',
          policy: policyText({
            ...read,
            Condition: { Bool: { 'aws:SecureTransport': 'true' }, ...(after ? {} : { StringEquals: { 'aws:PrincipalTag/team': 'ci' } }) },
          }),
        },
        home: {
          name: 'review-iam-home',
          policy: policyText({
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: 'arn:aws:s3:::review-iam-data',
            Condition: { StringLike: { 's3:prefix': after ? 'home/*' : 'home/${aws:username}/*' } },
          }),
        },
      },
      aws_organizations_policy: {
        regions: { name: 'review-regions', content: regions(after ? ['eu-west-1', 'us-east-1'] : ['eu-west-1']) },
        allow_list: { name: 'review-allow-list', content: policyText({ Effect: 'Allow', Action: after ? ['s3:*', 'iam:*'] : ['s3:*'], Resource: '*' }) },
      },
      ...(after
        ? {
            aws_ssoadmin_managed_policy_attachment: {
              admin: { instance_arn: SSO_INSTANCE, permission_set_arn: PERMISSION_SET, managed_policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
            },
            aws_ssoadmin_permission_set_inline_policy: {
              ops: {
                instance_arn: SSO_INSTANCE,
                permission_set_arn: PERMISSION_SET,
                inline_policy: policyText({ Effect: 'Allow', Action: '*', Resource: '*' }),
              },
            },
            aws_s3_bucket: { logs: { bucket: 'review-iam-logs' } },
            aws_s3_bucket_policy: { logs: { bucket: '${aws_s3_bucket.logs.id}', policy: '${data.aws_iam_policy_document.logs.json}' } },
          }
        : { aws_organizations_policy_attachment: { root: { policy_id: '${aws_organizations_policy.regions.id}', target_id: 'r-ab12' } } }),
    },
    ...(after
      ? {
          // Built from the ARN of a bucket this plan creates: Terraform knows the document only after apply.
          data: {
            aws_iam_policy_document: {
              logs: {
                statement: [
                  {
                    actions: ['s3:PutObject'],
                    resources: ['${aws_s3_bucket.logs.arn}/*'],
                    principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
                  },
                ],
              },
            },
          },
        }
      : {}),
  });
}

/** Sensitive policies (a sensitive variable, sensitive()), the default security group and VPC endpoints. */
function createConfiguration(): Json {
  const secret = (sid: string) => policyText({ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${SECRETS[0]}/*` });
  return offlineConfiguration({
    variable: { secret_policy: { type: 'string', sensitive: true, default: secret(SECRETS[1]) } },
    locals: { hidden_policy: secret(SECRETS[2]) },
    resource: {
      aws_iam_role: {
        app: {
          name: 'review-sec-app',
          assume_role_policy: policyText({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }),
        },
      },
      aws_iam_role_policy: { secret: { name: 'secret', role: 'review-sec-app', policy: '${var.secret_policy}' } },
      aws_iam_policy: { hidden: { name: 'review-sec-hidden', policy: '${sensitive(local.hidden_policy)}' } },
      aws_default_security_group: {
        default: {
          vpc_id: 'vpc-12345678',
          ingress: [
            {
              from_port: 22,
              to_port: 22,
              protocol: 'tcp',
              cidr_blocks: ['0.0.0.0/0'],
              ipv6_cidr_blocks: [],
              prefix_list_ids: [],
              security_groups: [],
              self: false,
              description: 'admin',
            },
          ],
        },
      },
      aws_vpc_endpoint: {
        s3: { vpc_id: 'vpc-12345678', service_name: 'com.amazonaws.eu-west-1.s3', policy: literal(DEFAULT_ENDPOINT_POLICY) },
        dynamodb: { vpc_id: 'vpc-12345678', service_name: 'com.amazonaws.eu-west-1.dynamodb' },
      },
    },
  });
}

describeWithTerraform('review of real offline plans', () => {
  const terraform = new OfflineTerraform();
  const plans: Record<'lifecycle' | 'iam' | 'create', Json> = { lifecycle: {}, iam: {}, create: {} };
  afterAll(() => terraform.dispose());

  beforeAll(async () => {
    const lifecycle = async () => {
      const first = await terraform.plan('lifecycle', lifecycleConfiguration(false));
      const state = stateFromPlan(first, Object.fromEntries(['old', 'kept', 'plain'].map((name) => [`aws_sqs_queue.${name}`, { tags_all: {}, policy: '' }])));
      plans.lifecycle = await terraform.replan('lifecycle', state, lifecycleConfiguration(true));
    };
    const iam = async () => {
      const first = await terraform.plan('iam', iamConfiguration(false));
      const roles = { managed_policy_arns: [], inline_policy: [], tags_all: {} };
      const state = stateFromPlan(first, {
        'aws_iam_role.ci': roles,
        'aws_iam_role.deploy': roles,
        'aws_iam_policy.tagged': { tags_all: {} },
        'aws_iam_policy.home': { tags_all: {} },
        'aws_organizations_policy.regions': { id: 'p-regions1' },
        // The first plan knows the policy's id only after apply; the state has it.
        'aws_organizations_policy_attachment.root': { policy_id: 'p-regions1' },
      });
      plans.iam = await terraform.replan('iam', state, iamConfiguration(true));
    };
    const create = async () => {
      plans.create = await terraform.plan('create', createConfiguration());
    };
    await Promise.all([lifecycle(), iam(), create()]);
  }, 240_000);

  describe('moved and removed blocks', () => {
    it('reports a move as a low note and a forget apart, never as orphaned or destroyed, and passes the destructive gate', () => {
      // What Terraform itself wrote: the premise of the test.
      const changes = new Map<string, Json>(plans.lifecycle.resource_changes.map((change: Json) => [change.address, change]));
      expect(changes.get('aws_sqs_queue.jobs')).toMatchObject({ previous_address: 'aws_sqs_queue.old', change: { actions: ['no-op'] } });
      expect(changes.get('aws_sqs_queue.kept')?.change.actions).toEqual(['forget']);

      const dir = terraform.dir('lifecycle');
      const report = reviewFiles({ plans: [dir], states: [join(dir, 'terraform.tfstate')] });
      const [stack] = report.stacks;

      expect(stack.summary).toEqual({ create: 0, update: 0, delete: 0, replace: 0, noop: 2, forget: 1 });
      expect(lines(stack, 'moved-resource')).toEqual(['low aws_sqs_queue.jobs: moved from aws_sqs_queue.old']);
      expect(lines(stack, 'forgotten-resource')).toEqual([
        'medium aws_sqs_queue.kept: removed from state without destroying (forget): it stays in AWS, no longer managed by this stack; it holds data or identity that no stack manages now',
      ]);
      expect(lines(stack, 'orphaned-in-state')).toEqual([]);
      expect(lines(stack, 'destructive-change')).toEqual([]);
      expect(gateFailures(report, ['destructive'])).toEqual([]);
      // Counted in every format a reviewer reads, not only in the JSON.
      expect(formatReport(report, 'terminal')).toContain('(2 unchanged, 1 forgotten)');
      expect(formatReport(report, 'markdown')).toContain('(2 unchanged, 1 forgotten)');
      expect(JSON.parse(formatReport(report, 'json')).stacks[0].summary.forget).toBe(1);
    });
  });

  describe('IAM broadening', () => {
    const stack = () => reviewStackDirs([terraform.dir('iam')]).stacks[0];

    it('compares conditions by what they let through: OIDC subject, source range, removed key, Sid renamed', () => {
      const found = lines(stack(), 'iam-broadening');

      expect(found).toContain(
        'medium aws_iam_role.ci: trust policy (assume_role_policy): condition broadened: StringLike token.actions.githubusercontent.com:sub = repo:acme/x:ref:refs/heads/main -> repo:acme/*',
      );
      expect(found).toContain(
        'medium aws_iam_role_policy.ranged: policy: condition broadened: IpAddress aws:SourceIp = 10.0.0.0/8 -> 0.0.0.0/0 (statement FromOffice)',
      );
      expect(found).toContain('medium aws_iam_policy.tagged: policy: condition removed: StringEquals aws:PrincipalTag/team = ci');
      expect(found).toContain('medium aws_iam_role_policy.renamed: policy: condition removed: StringEquals s3:ExistingObjectTag/team = ci (statement ReadAll)');
      // Narrowed from the organization to one branch: no finding.
      expect(found.filter((line) => line.includes('aws_iam_role.deploy'))).toEqual([]);
    });

    it('says what it could not decide, and what cannot be reviewed until apply', () => {
      const found = lines(stack(), 'iam-broadening');

      expect(found).toContain(
        'low aws_iam_policy.home: policy: could not decide whether the changed conditions allow more (StringLike s3:prefix = home/${aws:username}/* -> home/*): policy variable ${aws:username} (in "home/${aws:username}/*") is not supported',
      );
      expect(found).toContain('low aws_s3_bucket_policy.logs: policy is known only after apply, so it cannot be reviewed until apply');
      // The bucket's own legacy `policy` is computed by the provider, not configured: nothing to say.
      expect(found.filter((line) => line.startsWith('low aws_s3_bucket.logs'))).toEqual([]);
    });

    it('flags SCPs that deny less or allow more, a detached SCP, and administrator access through Identity Center', () => {
      const found = lines(stack(), 'iam-broadening');

      expect(found).toContain(
        'medium aws_organizations_policy.regions: service control policy (content): Deny statement DenyOtherRegions narrowed: its conditions now match fewer requests (StringNotEquals aws:RequestedRegion = eu-west-1 -> eu-west-1, us-east-1; it denies all but iam:*, all but sts:*)',
      );
      expect(found).toContain('medium aws_organizations_policy.allow_list: service control policy (content): new action iam:* on *');
      expect(found).toContain(
        'medium aws_organizations_policy_attachment.root: organization policy p-regions1 detached from r-ab12: what it denied there is allowed again',
      );
      expect(found).toContain(
        `high aws_ssoadmin_managed_policy_attachment.admin: attaches managed policy arn:aws:iam::aws:policy/AdministratorAccess to IAM Identity Center permission set ${PERMISSION_SET}`,
      );
      expect(found).toContain('high aws_ssoadmin_permission_set_inline_policy.ops: inline_policy: new action * on *');
    });
  });

  describe('sensitive values', () => {
    it('keeps a sensitive policy out of every format, saying it could not be checked', () => {
      // The plan itself holds the secret in plain text: what the review must not repeat.
      const raw = readFileSync(join(terraform.dir('create'), 'plan.json'), 'utf8');
      for (const secret of SECRETS) expect(raw).toContain(secret);

      const report = reviewStackDirs([terraform.dir('create')]);

      for (const format of ['json', 'markdown', 'terminal'] as const) {
        const text = formatReport(report, format, { maxIamLinesPerStack: 100, maxIamRowsPerStack: 100 });
        for (const secret of SECRETS) expect(text).not.toContain(secret);
      }
      expect(JSON.stringify(report)).not.toMatch(new RegExp(SECRETS.join('|')));
      expect(lines(report.stacks[0], 'iam-broadening').filter((line) => line.includes('sensitive'))).toEqual([
        'medium aws_iam_policy.hidden: policy is marked sensitive, so its statements are hidden from this review and cannot be checked; review the policy where it is written',
        'medium aws_iam_role_policy.secret: policy is marked sensitive, so its statements are hidden from this review and cannot be checked; review the policy where it is written',
      ]);
    });
  });

  describe('public exposure', () => {
    it("flags the default security group's open ingress, and notes the default endpoint policy as low", () => {
      const [stack] = reviewStackDirs([terraform.dir('create')]).stacks;

      expect(lines(stack, 'public-exposure')).toEqual([
        'high aws_default_security_group.default: ingress tcp port 22 (SSH) open to 0.0.0.0/0',
        "low aws_vpc_endpoint.s3: policy is AWS's default endpoint policy (Allow * to Principal *); the endpoint is reachable only from within its VPC, not from the internet; set a narrower policy to limit which principals and resources can be reached through it",
      ]);
      expect(
        stack.findings.filter(
          (finding) => finding.address.startsWith('aws_vpc_endpoint.') && finding.rule !== 'public-exposure' && finding.rule !== 'missing-tags',
        ),
      ).toEqual([]);
    });
  });

  describe('plans as people hand them over', () => {
    it('reads the plan written as UTF-16 by PowerShell (LE and BE, with BOM) like the UTF-8 one', () => {
      const dir = terraform.dir('create');
      const utf8 = JSON.stringify(reviewFiles({ plans: [join(dir, 'plan.json')] }).stacks[0].findings);
      const text = readFileSync(join(dir, 'plan.json'), 'utf8');
      const windows = join(terraform.root, 'windows');
      mkdirSync(windows, { recursive: true });
      writeFileSync(join(windows, 'le.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      writeFileSync(join(windows, 'be.json'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));

      for (const file of ['le.json', 'be.json']) expect(JSON.stringify(reviewFiles({ plans: [join(windows, file)] }).stacks[0].findings)).toBe(utf8);
    });

    it('answers the binary planfile with the command that turns it into JSON', () => {
      mkdirSync(join(terraform.root, 'hurried'), { recursive: true });
      const planfile = join(terraform.root, 'hurried', 'plan.json');
      copyFileSync(join(terraform.dir('create'), 'plan.tfplan'), planfile);

      expect(() => reviewFiles({ plans: [planfile] })).toThrow(
        `${planfile}: is a binary planfile, not its JSON; run \`terraform show -json <planfile> > plan.json\` and pass plan.json`,
      );
    });
  });
});

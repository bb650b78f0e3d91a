/**
 * The least-privilege harness can fail: a wrong expectation is reported with the simulated
 * verdict, requests the simulator cannot evaluate throw instead of passing, references that cannot
 * be resolved throw, and only vendored managed policies are accepted.
 */
import * as iamSimulate from '@cloud-copilot/iam-simulate';
import { validateEnvironments } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { awsManagedPolicy, READ_ONLY_ACCESS_SERVICES } from './aws-managed-policies';
import { pipelineFunctionFacts } from './facts';
import { RECORD_KEY } from './fixtures';
import { createSimulator, verdict, type Decision } from './simulation';
import { fakeSecretSuffix, fakeUuid, synthesizeProjectIam } from './synthesized-iam';

const dev = validateEnvironments(ENVIRONMENTS).filter((env) => env.name === 'dev');
const project = synthesizeProjectIam(dev);
const simulator = createSimulator(iamSimulate, project);
const [functionRole] = project.rolesOfKind('pipeline-function');
const facts = pipelineFunctionFacts(project, functionRole);

describe('least-privilege harness', () => {
  describe('verdict', () => {
    const denied: Decision = { result: 'ExplicitlyDenied', explicitDenies: ['boundary:DenyIamUsers'], grants: [] };
    it.each([
      { decision: { result: 'Allowed', explicitDenies: [], grants: ['identity:A'] } as Decision, expected: 'allow', verdict: 'allow' },
      { decision: { result: 'Allowed', explicitDenies: [], grants: ['identity:A'] } as Decision, expected: 'deny', verdict: 'allow (granted by identity:A)' },
      { decision: { result: 'ImplicitlyDenied', explicitDenies: [], grants: [] } as Decision, expected: 'allow', verdict: 'deny:implicit' },
      { decision: { result: 'ImplicitlyDenied', explicitDenies: [], grants: [] } as Decision, expected: 'deny', verdict: 'deny' },
      { decision: denied, expected: 'deny:boundary:DenyIamUsers', verdict: 'deny:boundary:DenyIamUsers' },
      { decision: denied, expected: 'deny:identity:DenyIamUsers', verdict: 'deny:boundary:DenyIamUsers' },
      { decision: denied, expected: 'deny:implicit', verdict: 'deny:boundary:DenyIamUsers' },
    ] as const)('reads $decision.result as "$verdict" when "$expected" is expected', ({ decision, expected, verdict: wanted }) => {
      expect(verdict(decision, expected)).toBe(wanted);
    });
  });

  describe('simulator', () => {
    it('reports a wrong expectation with the simulated verdict (the tables can fail)', async () => {
      const row = { note: 'deleting a record', request: { action: 's3:DeleteObject', resource: `${facts.bucketArn}/${RECORD_KEY}` }, expect: 'allow' } as const;
      expect(await simulator.verdict(functionRole, row)).toBe('deny:implicit');
    });

    it('names the statement that grants a request it expected denied', async () => {
      const row = { note: 'its secret', request: { action: 'secretsmanager:GetSecretValue', resource: facts.secretArn }, expect: 'deny:implicit' } as const;
      expect(await simulator.verdict(functionRole, row)).toMatch(/^allow \(granted by identity:ReadSecret\w+, boundary:AllowWithinBoundary\)$/);
    });

    it('refuses a context key iam-simulate would ignore for the action, instead of evaluating without it', async () => {
      await expect(
        simulator.decide(functionRole, { action: 'secretsmanager:GetSecretValue', resource: facts.secretArn, context: { 's3:prefix': 'generations/' } }),
      ).rejects.toThrow(/ignores context key\(s\) s3:prefix/);
    });

    it('refuses a wildcard resource for an action with resource-level permissions', async () => {
      await expect(simulator.decide(functionRole, { action: 's3:PutObject', resource: `${facts.bucketArn}/generations/*` })).rejects.toThrow(
        /rows must name one concrete resource/,
      );
    });

    it('refuses an action AWS does not have', async () => {
      await expect(simulator.decide(functionRole, { action: 's3:PutObjects', resource: `${facts.bucketArn}/${RECORD_KEY}` })).rejects.toThrow(
        /cannot evaluate s3:PutObjects/,
      );
    });

    it('evaluates the boundary: the same request is allowed in the environment and denied outside it', async () => {
      expect((await simulator.decide(functionRole, { action: 'xray:PutTraceSegments', resource: '*' })).result).toBe('Allowed');
      const outside = await simulator.decide(functionRole, { action: 'xray:PutTraceSegments', resource: '*', region: 'ap-southeast-2' });
      expect(outside).toMatchObject({ result: 'ExplicitlyDenied', explicitDenies: ['boundary:DenyOutsideEnvironmentRegions'] });
    });

    it('cannot evaluate the GitHub OIDC claims of the CI trust policies (iam-data lacks token.actions.githubusercontent.com:sub and :aud)', async () => {
      const [planRole] = project.rolesOfKind('ci-plan');
      const provider = `arn:aws:iam::${planRole.env.accountId}:oidc-provider/token.actions.githubusercontent.com`;
      await expect(
        simulator.decideTrust(planRole, provider, 'sts:AssumeRoleWithWebIdentity', {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:acme/llm-platform:pull_request',
        }),
      ).rejects.toThrow(/ignores context key\(s\) token\.actions\.githubusercontent\.com:aud, token\.actions\.githubusercontent\.com:sub/);
    });
  });

  describe('synthesized IAM', () => {
    it('resolves references to deterministic, realistic values', () => {
      expect(facts.secretArn).toMatch(/^arn:aws:secretsmanager:us-east-1:111111111111:secret:llm-platform\/dev\/us-east-1\/openai-api-key-[A-Za-z0-9]{6}$/);
      expect(fakeUuid('a')).toBe(fakeUuid('a'));
      expect(fakeUuid('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(fakeSecretSuffix('a')).not.toBe(fakeSecretSuffix('b'));
    });

    it('throws on a reference it cannot resolve rather than guessing', () => {
      const stack = functionRole.stack;
      expect(() => project.resolve(stack, '${data.aws_caller_identity.current.account_id}')).toThrow(/Cannot resolve the Terraform expression/);
      expect(() => project.resolve(stack, '${aws_vpc.Missing_0000.arn}')).toThrow(/declares no aws_vpc.Missing_0000/);
      const [vpcId] = Object.keys(stack.json.resource?.aws_vpc ?? {});
      expect(() => project.resolve(stack, `\${aws_vpc.${vpcId}.arn}`)).toThrow(/no fake value for aws_vpc/);
    });
  });

  describe('AWS managed policies', () => {
    it('are vendored for PowerUserAccess (complete) and ReadOnlyAccess (excerpt), and nothing else', () => {
      expect(awsManagedPolicy('arn:aws:iam::aws:policy/PowerUserAccess').completeness).toBe('complete');
      expect(awsManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess').completeness).toBe('excerpt');
      expect(() => awsManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess')).toThrow(/No offline copy/);
    });

    it('keep only the listed services in the ReadOnlyAccess excerpt', () => {
      const actions = awsManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess').document.Statement.flatMap((statement) => [statement.Action ?? []].flat());
      const services = new Set(actions.map((action) => action.split(':')[0]));
      expect([...services].sort()).toEqual([...READ_ONLY_ACCESS_SERVICES].sort());
    });
  });
});

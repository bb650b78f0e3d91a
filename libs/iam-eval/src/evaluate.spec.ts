import { evaluateRequest, type AccessRequest, type PolicySet } from './evaluate';
import { InvalidPolicyError, type PolicyStatement } from './policy';

const ACCOUNT = '111111111111';
const OBJECT = 'arn:aws:s3:::bucket-a/reports/2024.csv';

const policy = (...statements: PolicyStatement[]) => ({ Version: '2012-10-17' as const, Statement: statements });
const allow = (extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Sid: 'Grant',
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::bucket-a/*',
  ...extra,
});
const request = (extra: Partial<AccessRequest> = {}): AccessRequest => ({ action: 's3:GetObject', resource: OBJECT, ...extra });
const decide = (policies: PolicySet, req: AccessRequest = request()) => evaluateRequest(req, policies).decision;
const when = (condition: PolicyStatement['Condition'], context: AccessRequest['context']) =>
  decide({ identity: [policy(allow({ Condition: condition }))] }, request({ context }));

describe('Evaluator', () => {
  describe('identity policies and the permission boundary', () => {
    it('allows what an identity policy allows, naming the statement', () => {
      const result = evaluateRequest(request(), { identity: [{ name: 'app', document: policy(allow()) }] });

      expect(result).toEqual({ decision: 'allowed', reason: 'allowed by identity:app:Grant', statements: ['identity:app:Grant'] });
    });

    it('denies implicitly what nothing allows', () => {
      expect(decide({ identity: [policy(allow({ Action: 's3:PutObject' }))] })).toBe('implicitly-denied');
    });

    it('lets an explicit Deny win over any Allow, in the identity policies or the boundary', () => {
      const deny: PolicyStatement = { Sid: 'NoReports', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::bucket-a/reports/*' };

      expect(decide({ identity: [policy(allow(), deny)] })).toBe('explicitly-denied');
      expect(decide({ identity: [policy(allow())], boundary: policy(allow({ Action: '*', Resource: '*' }), deny) })).toBe('explicitly-denied');
    });

    it('allows only what both the identity policies and the boundary allow', () => {
      const boundaryAllowsPuts = policy(allow({ Action: 's3:PutObject', Resource: '*' }));

      expect(decide({ identity: [policy(allow())], boundary: boundaryAllowsPuts })).toBe('implicitly-denied');
      expect(
        decide(
          { identity: [policy(allow({ Action: 's3:PutObject' }))], boundary: policy(allow({ Action: '*', Resource: '*' })) },
          request({ action: 's3:PutObject' }),
        ),
      ).toBe('allowed');
    });

    it('grants nothing through the boundary alone', () => {
      expect(decide({ identity: [], boundary: policy(allow({ Action: '*', Resource: '*' })) })).toBe('implicitly-denied');
    });

    it('refuses a document that is not an identity policy, saying why', () => {
      const withPrincipal = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] };

      expect(() => evaluateRequest(request(), { identity: [withPrincipal as never] })).toThrow(InvalidPolicyError);
      expect(() => evaluateRequest(request(), { identity: [withPrincipal as never] })).toThrow(/Statement\[0\]: Unrecognized key: "Principal"/);
    });
  });

  describe('actions', () => {
    it.each([
      ['s3:GetObject', 'allowed'],
      ['S3:getobject', 'allowed'],
      ['s3:Get*', 'allowed'],
      ['s3:?etObject', 'allowed'],
      ['*', 'allowed'],
      ['s3:Put*', 'implicitly-denied'],
      ['sqs:GetObject', 'implicitly-denied'],
    ])('matches %s case-insensitively with wildcards: %s', (action, expected) => {
      expect(decide({ identity: [policy(allow({ Action: action }))] })).toBe(expected);
    });

    it('grants everything but the listed actions through NotAction', () => {
      const notAction = allow({ Action: undefined, NotAction: ['iam:*', 's3:PutObject'], Resource: '*' });

      expect(decide({ identity: [policy(notAction)] })).toBe('allowed');
      expect(decide({ identity: [policy(notAction)] }, request({ action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCOUNT}:user/x` }))).toBe(
        'implicitly-denied',
      );
    });

    it('leaves a wildcard in the service prefix undecided', () => {
      expect(evaluateRequest(request(), { identity: [policy(allow({ Action: 's*:GetObject' }))] })).toMatchObject({
        decision: 'undecided',
        reason: expect.stringContaining('s*:GetObject'),
      });
    });

    it('allows sts:GetCallerIdentity whatever the policies say, as AWS does', () => {
      const denyAll: PolicyStatement = { Effect: 'Deny', Action: '*', Resource: '*' };

      expect(decide({ identity: [policy(denyAll)] }, request({ action: 'sts:GetCallerIdentity', resource: '*' }))).toBe('allowed');
    });
  });

  describe('resources', () => {
    it.each([
      ['arn:aws:s3:::bucket-a/*', 'allowed'],
      ['arn:aws:s3:::bucket-a/reports/????.csv', 'allowed'],
      ['arn:aws:s3:::*', 'allowed'],
      ['*', 'allowed'],
      ['arn:aws:s3:::bucket-a/Reports/*', 'implicitly-denied'],
      ['arn:aws:s3:::bucket-a', 'implicitly-denied'],
    ])('matches %s case-sensitively: %s', (resource, expected) => {
      expect(decide({ identity: [policy(allow({ Resource: resource }))] })).toBe(expected);
    });

    it('keeps a wildcard within its ARN part (region, account)', () => {
      const log = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/api:log-stream:1`;
      const grant = (resource: string) =>
        decide({ identity: [policy(allow({ Action: 'logs:PutLogEvents', Resource: resource }))] }, request({ action: 'logs:PutLogEvents', resource: log }));

      expect(grant(`arn:aws:logs:*:${ACCOUNT}:log-group:/aws/lambda/api:*`)).toBe('allowed');
      expect(grant(`arn:aws:logs:us-east-1:*:log-group:/aws/lambda/*`)).toBe('allowed');
      expect(grant(`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/api:*`)).toBe('implicitly-denied');
    });

    it('grants everything but the listed resources through NotResource', () => {
      const notResource = allow({ Resource: undefined, NotResource: 'arn:aws:s3:::bucket-a/secret/*' });

      expect(decide({ identity: [policy(notResource)] })).toBe('allowed');
      expect(decide({ identity: [policy(notResource)] }, request({ resource: 'arn:aws:s3:::bucket-a/secret/x' }))).toBe('implicitly-denied');
    });

    it('matches only Resource "*" for an action without resource type', () => {
      const xray = request({ action: 'xray:PutTraceSegments', resource: '*' });

      expect(decide({ identity: [policy(allow({ Action: 'xray:PutTraceSegments', Resource: '*' }))] }, xray)).toBe('allowed');
      expect(decide({ identity: [policy(allow({ Action: 'xray:PutTraceSegments', Resource: 'arn:aws:xray:*:*:*' }))] }, xray)).toBe('implicitly-denied');
    });

    it.each([
      ['a policy variable', 'arn:aws:s3:::bucket-a/${aws:username}/*', /policy variable \$\{aws:username\}/],
      ['a shortened ARN', 'arn:aws:s3', /fewer than six ARN parts/],
      ['a wildcard in the resource type', `arn:aws:iam::${ACCOUNT}:ro*/app`, /resource-type segment/],
      ['a service differing only in case', 'arn:aws:S3:::bucket-a/*', /only in the case of its service/],
    ])('leaves %s undecided', (_what, resource, reason) => {
      const resourceOf = resource.includes(':iam:') ? `arn:aws:iam::${ACCOUNT}:role/app` : OBJECT;
      const result = evaluateRequest(request({ resource: resourceOf, action: resource.includes(':iam:') ? 'iam:PassRole' : 's3:GetObject' }), {
        identity: [policy(allow({ Action: '*', Resource: resource }))],
      });

      expect(result.decision).toBe('undecided');
      expect(result.reason).toMatch(reason);
    });

    it('reads ${*} as a literal star, and ${...} literally in a 2008-10-17 policy', () => {
      const literalStar = request({ resource: 'arn:aws:s3:::bucket-a/*' });

      expect(decide({ identity: [policy(allow({ Resource: 'arn:aws:s3:::bucket-a/${*}' }))] }, literalStar)).toBe('allowed');
      expect(decide({ identity: [policy(allow({ Resource: 'arn:aws:s3:::bucket-a/${*}' }))] })).toBe('implicitly-denied');
      const old = { Version: '2008-10-17' as const, Statement: [allow({ Resource: 'arn:aws:s3:::bucket-a/${aws:username}' })] };
      expect(decide({ identity: [old] }, request({ resource: 'arn:aws:s3:::bucket-a/${aws:username}' }))).toBe('allowed');
    });

    it("decides a request on another account's resource only where the principal's side denies it", () => {
      const otherAccount = request({ resource: 'arn:aws:sqs:us-east-1:222222222222:q', action: 'sqs:SendMessage', principalAccount: ACCOUNT });
      const decideWith = (statement: PolicyStatement) => evaluateRequest(otherAccount, { identity: [policy(statement)] });

      expect(decideWith(allow({ Action: 'sqs:SendMessage', Resource: '*' }))).toMatchObject({
        decision: 'undecided',
        reason: expect.stringContaining('cross-account'),
      });
      expect(decideWith(allow({ Action: 'sqs:SendMessage', Resource: '*' })).deniedEitherWay).toBeUndefined();
      expect(decideWith(allow({ Action: 'sqs:ReceiveMessage', Resource: '*' }))).toMatchObject({ decision: 'undecided', deniedEitherWay: true });
      expect(decideWith({ Effect: 'Deny', Action: 'sqs:*', Resource: '*' })).toMatchObject({ decision: 'explicitly-denied' });
    });
  });

  describe('conditions', () => {
    it('ANDs keys and operators, ORs the values of one key', () => {
      const condition = { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'], 'aws:PrincipalTag/team': 'red' } };

      expect(when(condition, { 'aws:RequestedRegion': 'us-east-1', 'aws:PrincipalTag/team': 'red' })).toBe('allowed');
      expect(when(condition, { 'aws:RequestedRegion': 'us-east-1', 'aws:PrincipalTag/team': 'blue' })).toBe('implicitly-denied');
      expect(when(condition, { 'aws:RequestedRegion': 'ap-south-1', 'aws:PrincipalTag/team': 'red' })).toBe('implicitly-denied');
    });

    it('looks condition keys up case-insensitively and compares values case-sensitively', () => {
      expect(when({ StringEquals: { 'AWS:requestedregion': 'us-east-1' } }, { 'aws:RequestedRegion': 'us-east-1' })).toBe('allowed');
      expect(when({ StringEquals: { 'aws:RequestedRegion': 'us-east-1' } }, { 'aws:RequestedRegion': 'US-EAST-1' })).toBe('implicitly-denied');
      expect(when({ StringEqualsIgnoreCase: { 'aws:RequestedRegion': 'us-east-1' } }, { 'aws:RequestedRegion': 'US-EAST-1' })).toBe('allowed');
    });

    it.each([
      ['StringLike', 'us-*', 'us-east-1', true],
      ['StringLike', 'eu-west-?', 'eu-west-1', true],
      ['StringNotLike', 'us-*', 'us-east-1', false],
      ['StringEquals', 'us-*', 'us-*', true],
      ['StringEquals', 'us-*', 'us-east-1', false],
      ['StringNotEqualsIgnoreCase', 'US-EAST-1', 'us-east-1', false],
    ])('%s %s on %s: %s', (operator, value, requestValue, holds) => {
      expect(when({ [operator]: { 'aws:RequestedRegion': value } }, { 'aws:RequestedRegion': requestValue })).toBe(holds ? 'allowed' : 'implicitly-denied');
    });

    it('requires a negated operator to differ from every value', () => {
      const condition = { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } };

      expect(when(condition, { 'aws:RequestedRegion': 'us-east-1' })).toBe('implicitly-denied');
      expect(when(condition, { 'aws:RequestedRegion': 'ap-south-1' })).toBe('allowed');
    });

    it.each([
      ['StringEquals', false],
      ['StringNotEquals', true],
      ['StringEqualsIfExists', true],
      ['ArnNotLike', true],
      ['NotIpAddress', true],
      ['ForAnyValue:StringEquals', false],
      ['ForAllValues:StringEquals', true],
      ['ForAllValues:StringNotEquals', true],
    ])('on a missing key, %s holds: %s', (operator, holds) => {
      expect(when({ [operator]: { 'aws:PrincipalTag/team': 'red' } }, {})).toBe(holds ? 'allowed' : 'implicitly-denied');
    });

    it('tests presence with Null', () => {
      expect(when({ Null: { 'aws:ResourceTag/env': 'true' } }, {})).toBe('allowed');
      expect(when({ Null: { 'aws:ResourceTag/env': 'false' } }, {})).toBe('implicitly-denied');
      expect(when({ Null: { 'aws:ResourceTag/env': false } }, { 'aws:ResourceTag/env': 'dev' })).toBe('allowed');
    });

    it('compares numbers, dates (ISO 8601 or epoch) and booleans as such', () => {
      expect(when({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '600' })).toBe('allowed');
      expect(when({ NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '600.5' })).toBe('implicitly-denied');
      expect(when({ DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2025-12-31T23:00:00-02:00' })).toBe(
        'implicitly-denied',
      );
      expect(when({ DateGreaterThan: { 'aws:EpochTime': '1700000000' } }, { 'aws:EpochTime': '1800000000' })).toBe('allowed');
      expect(when({ Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'TRUE' })).toBe('allowed');
      expect(when({ Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': 'true' })).toBe('implicitly-denied');
    });

    it('matches IPv4 and IPv6 addresses against ranges, never across families', () => {
      const ranges = { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] } };

      expect(when(ranges, { 'aws:SourceIp': '10.20.30.40' })).toBe('allowed');
      expect(when(ranges, { 'aws:SourceIp': '2001:db8:0:1::5' })).toBe('allowed');
      expect(when(ranges, { 'aws:SourceIp': '192.168.0.1' })).toBe('implicitly-denied');
      expect(when({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': '2001:db8::5' })).toBe('allowed');
    });

    it('matches ARNs part by part with wildcards (ArnLike and ArnEquals alike)', () => {
      const source = { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCOUNT}:alerts` };

      expect(when({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:alerts' } }, source)).toBe('allowed');
      expect(when({ ArnEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCOUNT}:*` } }, source)).toBe('allowed');
      expect(when({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:alerts' } }, source)).toBe('implicitly-denied');
      expect(when({ ArnLike: { 'aws:SourceArn': 'arn:aws:sqs:*:*:*' } }, source)).toBe('implicitly-denied');
    });

    it('applies ForAnyValue / ForAllValues to multivalued keys', () => {
      const tagKeys = (operator: string, values: string[], keys: string[]) => when({ [operator]: { 'aws:TagKeys': values } }, { 'aws:TagKeys': keys });

      expect(tagKeys('ForAllValues:StringEquals', ['env', 'team'], ['env'])).toBe('allowed');
      expect(tagKeys('ForAllValues:StringEquals', ['env', 'team'], ['env', 'owner'])).toBe('implicitly-denied');
      expect(tagKeys('ForAllValues:StringEquals', ['env'], [])).toBe('allowed');
      expect(tagKeys('ForAnyValue:StringEquals', ['env'], ['owner', 'env'])).toBe('allowed');
      expect(tagKeys('ForAnyValue:StringEquals', ['env'], [])).toBe('implicitly-denied');
      expect(tagKeys('ForAnyValue:StringNotEquals', ['env'], ['env', 'owner'])).toBe('allowed');
    });

    it.each([
      ['an unsupported operator', { BinaryEquals: { 'aws:PrincipalTag/team': 'cmVk' } }, { 'aws:PrincipalTag/team': 'cmVk' }, /BinaryEquals is not supported/],
      ['a misspelt operator', { StringEqual: { 'aws:PrincipalTag/team': 'red' } }, {}, /StringEqual is not supported/],
      ['a policy variable', { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } }, { 'aws:PrincipalTag/team': 'red' }, /policy variable/],
      ['a single-valued operator on a multivalued key', { StringEquals: { 'aws:TagKeys': 'env' } }, { 'aws:TagKeys': ['env'] }, /multivalued/],
      ['a number that is not one', { NumericLessThan: { 'aws:MultiFactorAuthAge': '1e3' } }, { 'aws:MultiFactorAuthAge': '10' }, /not a valid number/],
      [
        'an epoch against an ISO date',
        { DateLessThan: { 'aws:CurrentTime': '1800000000' } },
        { 'aws:CurrentTime': '2025-01-01T00:00:00Z' },
        /epoch time with an ISO 8601/,
      ],
      ['an impossible date', { DateLessThan: { 'aws:CurrentTime': '2025-02-30' } }, { 'aws:CurrentTime': '2025-01-01' }, /not a valid date/],
      ['a Bool value that is not one', { Bool: { 'aws:SecureTransport': 'yes' } }, { 'aws:SecureTransport': 'true' }, /neither true nor false/],
      [
        'IfExists with ForAnyValue on a missing key',
        { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'env' } },
        {},
        /IfExists as true and ForAnyValue as false/,
      ],
      ['an address that is not one', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': '10.0.0.256' }, /not an IP address/],
    ])('leaves %s undecided', (_what, condition, context, reason) => {
      const result = evaluateRequest(request({ context }), { identity: [policy(allow({ Condition: condition as never }))] });

      expect(result.decision).toBe('undecided');
      expect(result.reason).toMatch(reason);
    });

    it('decides despite an undecidable detail that cannot change the outcome', () => {
      const undecidable = { BinaryEquals: { 'aws:PrincipalTag/team': 'cmVk' } };

      // Another statement allows anyway; a Deny with the detail cannot apply because its action differs.
      expect(decide({ identity: [policy(allow({ Sid: 'A', Condition: undecidable }), allow({ Sid: 'B' }))] })).toBe('allowed');
      expect(decide({ identity: [policy(allow(), { Effect: 'Deny', Action: 's3:PutObject', Resource: '*', Condition: undecidable })] })).toBe('allowed');
    });

    it('says when a request is denied whichever way an undecidable Deny goes', () => {
      const result = evaluateRequest(request(), {
        identity: [policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { BinaryEquals: { 'aws:PrincipalTag/x': 'eA==' } } })],
      });

      expect(result).toMatchObject({ decision: 'undecided', deniedEitherWay: true });
    });
  });
});

import type { PolicyStatement } from './policy';
import { formatPolicyProblem, resourceTypesOf, validatePolicy, withinAllowed } from './validate';

const BUCKET = 'arn:aws:s3:::llm-platform-dev-us-east-1-generations-111111111111';
const SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:llm-platform/dev/openai-api-key-AbCdEf';
const LOG_GROUP = 'arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/api';

const problems = async (
  statements: PolicyStatement[],
  allowedResources: string[] = [BUCKET, SECRET, LOG_GROUP],
  unscopedActions: Record<string, string> = {},
) => (await validatePolicy({ Version: '2012-10-17', Statement: statements }, { allowedResources, unscopedActions })).map(formatPolicyProblem);

describe('validatePolicy', () => {
  it('accepts a least-privilege policy on the given resources and what lies under them', async () => {
    const result = await problems([
      { Sid: 'WriteGenerations', Effect: 'Allow', Action: ['s3:PutObject'], Resource: `${BUCKET}/generations/*` },
      { Sid: 'ListGenerations', Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET, Condition: { StringLike: { 's3:prefix': 'generations/*' } } },
      { Sid: 'ReadKey', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: SECRET },
      { Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${LOG_GROUP}:*` },
      { Sid: 'Traces', Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: '*' },
      { Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:Delete*', Resource: '*' },
    ]);

    expect(result).toEqual([]);
  });

  it('refuses action wildcards and NotAction / NotResource in grants', async () => {
    expect(
      await problems([
        { Sid: 'A', Effect: 'Allow', Action: ['s3:Get*', '*'], Resource: `${BUCKET}/*` },
        { Sid: 'B', Effect: 'Allow', NotAction: 's3:DeleteObject', Resource: `${BUCKET}/*` },
        { Sid: 'C', Effect: 'Allow', Action: 's3:GetObject', NotResource: `${BUCKET}/private/*` },
      ]),
    ).toEqual([
      'Statement[0] (Sid A): grants the action wildcard "s3:Get*"; list the actions the workload needs',
      'Statement[0] (Sid A): grants the action wildcard "*"; list the actions the workload needs',
      'Statement[1] (Sid B): uses NotAction in an Allow statement, which grants every other action; list the actions',
      'Statement[2] (Sid C): uses NotResource in an Allow statement, which grants every other resource; list the resources',
    ]);
  });

  it('refuses actions that do not exist, and Deny wildcards that match nothing', async () => {
    expect(
      await problems([
        { Sid: 'A', Effect: 'Allow', Action: ['s3:GetObjects', 'lambdas:InvokeFunction'], Resource: `${BUCKET}/*` },
        { Sid: 'B', Effect: 'Deny', Action: 's3:Delte*', Resource: '*' },
      ]),
    ).toEqual([
      'Statement[0] (Sid A): "s3:GetObjects": s3 has no action GetObjects',
      'Statement[0] (Sid A): "lambdas:InvokeFunction": AWS has no service prefix "lambdas"',
      'Statement[1] (Sid B): "s3:Delte*" matches no s3 action',
    ]);
  });

  it('refuses Resource "*" where the action can be scoped, unless the project lists it', async () => {
    const grant: PolicyStatement = { Sid: 'Metrics', Effect: 'Allow', Action: ['s3:GetObject', 'cloudwatch:PutMetricData'], Resource: '*' };

    expect(await problems([grant])).toEqual([
      'Statement[0] (Sid Metrics): grants s3:GetObject on Resource "*", but it supports resource-level permissions (accesspointobject, object); name the resources',
      'Statement[0] (Sid Metrics): grants cloudwatch:PutMetricData on Resource "*", but it supports resource-level permissions (dataset); name the resources',
    ]);
    expect(await problems([grant], [BUCKET], { 'cloudwatch:PutMetricData': 'metrics have no ARN' })).toHaveLength(1);
  });

  it('refuses resources of the wrong type for the action', async () => {
    expect(
      await problems([
        { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET },
        { Sid: 'B', Effect: 'Allow', Action: 's3:ListBucket', Resource: `${BUCKET}/*` },
        { Sid: 'C', Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: LOG_GROUP },
        { Sid: 'D', Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: LOG_GROUP },
      ]),
    ).toEqual([
      `Statement[0] (Sid A): ${BUCKET} is a bucket ARN; s3:GetObject applies to accesspointobject, object`,
      `Statement[1] (Sid B): ${BUCKET}/* is an object ARN; s3:ListBucket applies to accesspoint, bucket`,
      `Statement[2] (Sid C): ${LOG_GROUP} is a log-group ARN; logs:PutLogEvents applies to log-stream`,
      `Statement[3] (Sid D): xray:PutTraceSegments has no resource type: AWS only accepts it with Resource "*", not ${LOG_GROUP} (put it in a statement of its own)`,
    ]);
  });

  it('refuses resources the user did not name', async () => {
    expect(
      await problems(
        [{ Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::other-bucket/*', 'arn:aws:s3:::llm-platform-*/*'] }],
        [BUCKET],
      ),
    ).toEqual([
      `Statement[0] (Sid A): grants arn:aws:s3:::other-bucket/*, which is not one of the given resources (${BUCKET}) nor under one`,
      `Statement[0] (Sid A): grants arn:aws:s3:::llm-platform-*/*, which is not one of the given resources (${BUCKET}) nor under one`,
    ]);
  });

  it('refuses operators the evaluator cannot prove, keys the action lacks, and policy variables', async () => {
    const result = await problems([
      {
        Sid: 'A',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: `${BUCKET}/\${aws:username}/*`,
        Condition: { BinaryEquals: { 'aws:PrincipalTag/x': 'eA==' }, StringEquals: { 's3:prefix': 'x', 'nope:key': 'y' } },
      },
    ]);

    expect(result).toEqual([
      'Statement[0] (Sid A): uses a policy variable (${...}); name the resources and values literally so the policy can be proven',
      expect.stringMatching(/^Statement\[0\] \(Sid A\): condition operator BinaryEquals is not one the evaluator can prove/),
      'Statement[0] (Sid A): condition key s3:prefix is not available for s3:GetObject, so the condition never holds for it',
      'Statement[0] (Sid A): condition key nope:key does not exist',
    ]);
  });

  it('reports schema problems with their place in the document', async () => {
    const result = await validatePolicy(
      { Version: '2012-10-17', Statement: [{ Effect: 'Permit', Action: 's3:GetObject', Principal: '*' }] },
      { allowedResources: [BUCKET] },
    );

    expect(result.map(formatPolicyProblem)).toEqual([
      'Statement[0].Effect: Invalid option: expected one of "Allow"|"Deny"',
      'Statement[0]: Unrecognized key: "Principal"',
    ]);
  });
});

describe('resourceTypesOf', () => {
  it.each([
    ['s3', BUCKET, ['bucket']],
    ['s3', `${BUCKET}/generations/*`, ['object']],
    ['logs', `${LOG_GROUP}:*`, ['log-stream']],
    ['logs', LOG_GROUP, ['log-group']],
    ['secretsmanager', SECRET, ['Secret']],
  ])('classifies a %s ARN %s as %j', async (service, arn, types) => {
    expect(await resourceTypesOf(service, arn)).toEqual(types);
  });
});

describe('withinAllowed', () => {
  it.each([
    [`${BUCKET}/generations/*`, [BUCKET], true],
    [BUCKET, [BUCKET], true],
    [`${LOG_GROUP}:*`, [LOG_GROUP], true],
    [`${BUCKET}/generations/*`, [`${BUCKET}/generations/*`], true],
    [`${BUCKET}/*`, [`${BUCKET}/generations/*`], false],
    [`${BUCKET}-other/*`, [BUCKET], false],
    ['arn:aws:s3:::*', [BUCKET], false],
  ])('%s within %j: %s', (resource, allowed, expected) => {
    expect(withinAllowed(resource, allowed)).toBe(expected);
  });
});

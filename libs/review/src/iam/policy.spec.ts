import { parsePolicy, wildcardMatches } from './policy';

describe('parsePolicy', () => {
  it('gives one canonical form to statements written differently', () => {
    const [a] = parsePolicy(JSON.stringify({ Statement: { Effect: 'Allow', Action: 'S3:GetObject', Resource: ['b', 'a'], Principal: '*' } }))!;
    const [b] = parsePolicy(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['a', 'b'], Principal: '*' }] }))!;

    expect(a.key).toBe(b.key);
    expect(a).toMatchObject({ effect: 'Allow', actions: ['S3:GetObject'], resources: ['a', 'b'], principals: ['*'] });
  });

  it('spells principals and conditions for reading', () => {
    const [statement] = parsePolicy(
      JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'lambda.amazonaws.com', AWS: ['arn:aws:iam::1:root'] },
            Condition: { StringEquals: { 'aws:SourceAccount': ['1', '2'] } },
          },
        ],
      }),
    )!;

    expect(statement.principals).toEqual(['AWS:arn:aws:iam::1:root', 'Service:lambda.amazonaws.com']);
    expect(statement.conditions).toEqual(['StringEquals aws:SourceAccount = 1, 2']);
  });

  it('returns undefined for text that is no policy document', () => {
    expect(parsePolicy('{"deadLetterTargetArn":"x"}')).toBeUndefined();
    expect(parsePolicy('{"Statement": broken')).toBeUndefined();
    expect(parsePolicy('')).toBeUndefined();
  });
});

describe('wildcardMatches', () => {
  it('matches IAM wildcards, ignoring case', () => {
    expect(wildcardMatches('s3:Get*', 's3:getobject')).toBe(true);
    expect(wildcardMatches('s3:*', 's3:*')).toBe(true);
    expect(wildcardMatches('s3:Get*', 's3:*')).toBe(false);
    expect(wildcardMatches('s3:GetObject', 's3:PutObject')).toBe(false);
  });
});

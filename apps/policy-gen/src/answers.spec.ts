import { isSupportedOperator } from '@llm/iam-eval';
import { CONDITION_OPERATORS, parseAnswer, policyAnswerSchema, POLICY_JSON_SCHEMA, REQUESTS_JSON_SCHEMA, toPolicyDocument } from './answers';
import { strictSchemaProblem } from '@llm/model/testing';
import { GOOD_POLICY } from './testing/scripted-answers';

describe('model answers', () => {
  it('have JSON Schemas that OpenAI strict mode accepts (as the fake checks it)', () => {
    expect(strictSchemaProblem(POLICY_JSON_SCHEMA)).toBeUndefined();
    expect(strictSchemaProblem(REQUESTS_JSON_SCHEMA)).toBeUndefined();
    // The check itself can fail: a property left out of `required` is what strict mode refuses.
    expect(strictSchemaProblem({ type: 'object', additionalProperties: false, required: [], properties: { a: { type: 'string' } } })).toContain("Missing 'a'");
  });

  it('offer the model only condition operators the evaluator decides', () => {
    expect(CONDITION_OPERATORS.filter((operator) => !isSupportedOperator(operator))).toEqual([]);
    expect(CONDITION_OPERATORS).toEqual(expect.arrayContaining(['StringLike', 'ArnLikeIfExists', 'ForAnyValue:StringEquals', 'Null']));
    expect(CONDITION_OPERATORS).not.toContain('BinaryEquals');
  });

  it('fold condition lists into IAM Condition blocks', () => {
    const answer = parseAnswer(GOOD_POLICY, policyAnswerSchema, 'policy answer');
    if (!answer.ok) throw new Error(answer.problems.join('\n'));

    const document = toPolicyDocument({
      ...answer.value,
      statements: [
        {
          sid: 'A',
          effect: 'Allow',
          actions: ['s3:ListBucket'],
          resources: ['arn:aws:s3:::b'],
          conditions: [
            { operator: 'StringLike', key: 's3:prefix', values: ['a/*', 'b/*'] },
            { operator: 'StringEquals', key: 'aws:ResourceAccount', values: ['111111111111'] },
          ],
        },
      ],
    });

    expect(document).toEqual({
      ok: true,
      value: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'A',
            Effect: 'Allow',
            Action: ['s3:ListBucket'],
            Resource: ['arn:aws:s3:::b'],
            Condition: { StringLike: { 's3:prefix': ['a/*', 'b/*'] }, StringEquals: { 'aws:ResourceAccount': '111111111111' } },
          },
        ],
      },
    });
  });

  it('refuse the same operator and key twice instead of dropping one', () => {
    const twice = { operator: 'StringLike', key: 's3:prefix', values: ['a/*'] };

    expect(
      toPolicyDocument({
        notes: '',
        statements: [{ sid: 'A', effect: 'Allow', actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::b'], conditions: [twice, twice] }],
      }),
    ).toEqual({
      ok: false,
      problems: ['statement A gives StringLike s3:prefix twice; list all values in one condition'],
    });
  });
});

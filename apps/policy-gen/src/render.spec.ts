import type { PolicyDocument } from '@llm/iam-eval';
import { renderGrantSnippet } from './render';

describe('renderGrantSnippet', () => {
  const proof = { rows: [], failures: [] };

  it('writes one role.addStatement per statement, as TypeScript', () => {
    const policy: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ["arn:aws:s3:::b/it's/*"] }],
    };

    expect(renderGrantSnippet(policy, proof)).toContain(
      "role.addStatement({\n  Sid: 'Read',\n  Effect: 'Allow',\n  Action: ['s3:GetObject'],\n  Resource: ['arn:aws:s3:::b/it\\'s/*'],\n});",
    );
  });

  it('says what to do first where addStatement would refuse Resource "*"', () => {
    const policy: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Queues', Effect: 'Allow', Action: ['sqs:ListQueues'], Resource: ['*'] },
        { Sid: 'Traces', Effect: 'Allow', Action: ['xray:PutTraceSegments'], Resource: ['*'] },
      ],
    };

    const snippet = renderGrantSnippet(policy, proof);

    expect(snippet).toContain('// addStatement would refuse Queues: it grants sqs:ListQueues on Resource "*"');
    expect(snippet).toContain('list the action in libs/constructs/iam/src/unscoped-actions.ts with its reason first');
    expect(snippet).not.toContain('refuse Traces');
  });
});

import type { PolicyDocument } from '@llm/iam-eval';
import type { RequestsAnswer } from './answers';
import { prove } from './prove';
import { BUCKET } from './testing/scripted-answers';

const POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Write', Effect: 'Allow', Action: ['s3:PutObject'], Resource: [`${BUCKET}/generations/*`] },
    { Sid: 'Traces', Effect: 'Allow', Action: ['xray:PutTraceSegments'], Resource: ['*'] },
  ],
};
const request = (action: string, resource: string, context: RequestsAnswer['must_allow'][number]['context'] = []) => ({
  action,
  resource,
  context,
  why: 'test',
});
const setup = { resources: [BUCKET, 'arn:aws:logs:eu-west-1:111111111111:log-group:x'] };

describe('prove', () => {
  it('passes when every must-allow is allowed, every must-deny denied, and every grant exercised', async () => {
    const proof = await prove(
      POLICY,
      {
        must_allow: [request('s3:PutObject', `${BUCKET}/generations/a.json`), request('xray:PutTraceSegments', '*')],
        must_deny: [request('s3:PutObject', `${BUCKET}/x.json`)],
      },
      setup,
    );

    expect(proof.failures).toEqual([]);
    // AWS always sets the region (from the ARN, else from the given resources) and TLS.
    expect(proof.rows[0].request.context).toEqual({ 'aws:RequestedRegion': 'eu-west-1', 'aws:SecureTransport': 'true' });
  });

  it('fails a grant no must-allow request exercises', async () => {
    const proof = await prove(
      POLICY,
      { must_allow: [request('s3:PutObject', `${BUCKET}/generations/a.json`)], must_deny: [request('s3:GetObject', `${BUCKET}/generations/a.json`)] },
      setup,
    );

    expect(proof.failures).toEqual(['statement Traces (xray:PutTraceSegments) is exercised by no must-allow request: prove it is needed, or drop it']);
  });

  it('refuses requests that are patterns, or give a single-valued key two values', async () => {
    const proof = await prove(
      POLICY,
      {
        must_allow: [request('s3:PutObject', `${BUCKET}/generations/*`), request('xray:PutTraceSegments', '*')],
        must_deny: [
          request('s3:Put*', `${BUCKET}/x`),
          request('s3:PutObject', `${BUCKET}/y`, [{ key: 'aws:RequestedRegion', values: ['us-east-1', 'eu-west-1'] }]),
        ],
      },
      setup,
    );

    expect(proof.failures).toEqual([
      `must allow s3:PutObject on ${BUCKET}/generations/*: the resource must be one concrete ARN, or "*" for an action without a resource type`,
      `must deny s3:Put* on ${BUCKET}/x: the action must be one exact service:Action`,
      `must deny s3:PutObject on ${BUCKET}/y: context key aws:RequestedRegion is single-valued (String) but was given 2 values`,
      'statement Write (s3:PutObject) is exercised by no must-allow request: prove it is needed, or drop it',
    ]);
  });

  it('accepts a must-deny that is denied whichever way an undecidable Deny goes', async () => {
    const withOpenDeny: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        ...(POLICY.Statement as PolicyDocument['Statement'][]).flat(),
        { Sid: 'Odd', Effect: 'Deny', Action: 's3:DeleteObject', Resource: `${BUCKET}/\${aws:username}/*` },
      ],
    } as PolicyDocument;

    const proof = await prove(
      withOpenDeny,
      {
        must_allow: [request('s3:PutObject', `${BUCKET}/generations/a`), request('xray:PutTraceSegments', '*')],
        must_deny: [request('s3:DeleteObject', `${BUCKET}/generations/a`)],
      },
      setup,
    );

    expect(proof.failures).toEqual([]);
    expect(proof.rows[2].result).toMatchObject({ decision: 'undecided', deniedEitherWay: true });
  });
});

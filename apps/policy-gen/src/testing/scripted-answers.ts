/**
 * Scripted model answers for the generator's tests, around one workload: the API function writes
 * generation records under generations/ of its bucket, lists them, and reads its OpenAI key.
 * Good, over-broad, malformed and unprovable variants, as the model would send them (JSON text).
 */
export const ACCOUNT = '111111111111';
export const BUCKET = `arn:aws:s3:::llm-platform-dev-us-east-1-generations-${ACCOUNT}`;
export const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:llm-platform/dev/us-east-1/openai-api-key-AbCdEf`;
export const DESCRIPTION = 'The API function writes generation records under generations/ in its bucket, lists them, and reads its OpenAI API key.';

type Condition = { operator: string; key: string; values: string[] };
const statement = (sid: string, actions: string[], resources: string[], conditions: Condition[] = [], effect: 'Allow' | 'Deny' = 'Allow') => ({
  sid,
  effect,
  actions,
  resources,
  conditions,
});
const request = (action: string, resource: string, why: string, context: Array<{ key: string; values: string[] }> = []) => ({ action, resource, context, why });

export const GOOD_POLICY = JSON.stringify({
  statements: [
    statement('WriteGenerations', ['s3:PutObject'], [`${BUCKET}/generations/*`]),
    statement('ListGenerations', ['s3:ListBucket'], [BUCKET], [{ operator: 'StringLike', key: 's3:prefix', values: ['generations/*'] }]),
    statement('ReadApiKey', ['secretsmanager:GetSecretValue'], [SECRET]),
  ],
  notes: 'PutObject writes records; ListBucket limited to generations/; GetSecretValue reads the key.',
});

export const GOOD_REQUESTS = JSON.stringify({
  must_allow: [
    request('s3:PutObject', `${BUCKET}/generations/2026/09/26/abc.json`, 'write a record'),
    request('s3:ListBucket', BUCKET, 'list records', [{ key: 's3:prefix', values: ['generations/2026/'] }]),
    request('secretsmanager:GetSecretValue', SECRET, 'read the API key'),
  ],
  must_deny: [
    request('s3:DeleteObject', `${BUCKET}/generations/2026/09/26/abc.json`, 'no deletes'),
    request('s3:GetObject', `${BUCKET}/generations/2026/09/26/abc.json`, 'no reads of records'),
    request('s3:PutObject', `${BUCKET}/other/abc.json`, 'no writes outside generations/'),
    request('s3:PutObject', 'arn:aws:s3:::other-bucket/generations/abc.json', 'no other bucket'),
    request('s3:ListBucket', BUCKET, 'no listing of other prefixes', [{ key: 's3:prefix', values: ['private/'] }]),
    request('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:other-AbCdEf`, 'no other secret'),
  ],
});

/** With the environment's permission boundary: also a write from a region the boundary refuses. */
export const GOOD_REQUESTS_WITHIN_BOUNDARY = JSON.stringify({
  ...JSON.parse(GOOD_REQUESTS),
  must_deny: [
    ...JSON.parse(GOOD_REQUESTS).must_deny,
    request('s3:PutObject', `${BUCKET}/generations/x.json`, 'a write from a region outside the environment', [
      { key: 'aws:RequestedRegion', values: ['ap-southeast-2'] },
    ]),
  ],
});

/** Wildcard actions, Resource "*" where a narrower one exists, a bucket the user did not name. */
export const OVER_BROAD_POLICY = JSON.stringify({
  statements: [statement('Storage', ['s3:*'], ['arn:aws:s3:::*']), statement('Secrets', ['secretsmanager:GetSecretValue'], ['*'])],
  notes: 'Broad access keeps things simple.',
});

export const NOT_JSON = 'Sure! Here is the policy you asked for: {"statements": [';

/** JSON, but not the schema: an unknown effect, a missing field, a Sid with spaces. */
export const SCHEMA_VIOLATION = JSON.stringify({
  statements: [{ sid: 'Write generations', effect: 'Permit', actions: ['s3:PutObject'], resources: [`${BUCKET}/generations/*`] }],
  notes: '',
});

/** Requests the good policy cannot meet: it grants no GetObject, and it does allow the PutObject listed as a near miss. */
export const UNPROVABLE_REQUESTS = JSON.stringify({
  must_allow: [
    request('s3:PutObject', `${BUCKET}/generations/a.json`, 'write a record'),
    request('s3:GetObject', `${BUCKET}/generations/a.json`, 'read a record back'),
    request('s3:ListBucket', BUCKET, 'list records', [{ key: 's3:prefix', values: ['generations/'] }]),
    request('secretsmanager:GetSecretValue', SECRET, 'read the API key'),
  ],
  must_deny: [request('s3:PutObject', `${BUCKET}/generations/b.json`, 'a second record (wrongly expected to be denied)')],
});

import { policyDocuments } from './documents';

const document = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

describe('policyDocuments', () => {
  it('finds documents in policy attributes and names inline policies by their name', () => {
    const found = policyDocuments('aws_iam_role', {
      assume_role_policy: document,
      inline_policy: [{ name: 'read', policy: document }],
      description: document,
    });

    expect([...found.keys()]).toEqual(['assume_role_policy', 'inline_policy["read"].policy']);
    expect(found.get('assume_role_policy')?.kind).toBe('trust');
    expect(found.get('inline_policy["read"].policy')?.kind).toBe('identity');
  });

  it('treats policies of other services as resource policies and skips JSON that is no policy', () => {
    const found = policyDocuments('aws_sqs_queue', { policy: document, redrive_allow_policy: '{"redrivePermission":"allowAll"}' });

    expect([...found.entries()].map(([path, entry]) => [path, entry.kind])).toEqual([['policy', 'resource']]);
  });
});

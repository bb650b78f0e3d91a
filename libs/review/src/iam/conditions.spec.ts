import { compareConditions } from './conditions';
import { parsePolicy, type Statement } from './policy';

function statement(condition: Record<string, Record<string, unknown>> | undefined, version = '2012-10-17'): Statement {
  const [parsed] = parsePolicy(
    JSON.stringify({
      Version: version,
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...(condition ? { Condition: condition } : {}) }],
    }),
  )!;
  return parsed;
}

describe('compareConditions', () => {
  const main = statement({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/x:ref:refs/heads/main' } });
  const org = statement({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } });

  it('finds a StringLike value that matches more, and the request that proves it', () => {
    const verdict = compareConditions([main], org);

    expect(verdict.verdict).toBe('broader');
    // Whatever request proves it, it is one the new value matches and the old does not.
    const witness = verdict.verdict === 'broader' ? String(verdict.witness['token.actions.githubusercontent.com:sub']) : '';
    expect(witness).toMatch(/^repo:acme\//);
    expect(witness).not.toBe('repo:acme/x:ref:refs/heads/main');
    expect(compareConditions([org], main)).toEqual({ verdict: 'narrower' });
  });

  it('compares CIDR ranges by what they contain, not by their text', () => {
    const internal = statement({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } });
    const anywhere = statement({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } });
    const sameRangeOtherSpelling = statement({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '10.1.0.0/16'] } });

    expect(compareConditions([internal], anywhere).verdict).toBe('broader');
    expect(compareConditions([anywhere], internal).verdict).toBe('narrower');
    expect(compareConditions([internal], sameRangeOtherSpelling).verdict).toBe('same');
    const documentation = statement({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } });
    const everywhere = statement({ IpAddress: { 'aws:SourceIp': '::/0' } });
    expect(compareConditions([documentation], everywhere).verdict).toBe('broader');
    expect(compareConditions([everywhere], documentation).verdict).toBe('narrower');
  });

  it('counts a removed condition key, and an operator that matches more (IgnoreCase), as broader', () => {
    const tagged = statement({ StringEquals: { 'aws:PrincipalTag/team': 'api' }, Bool: { 'aws:SecureTransport': 'true' } });
    const untagged = statement({ Bool: { 'aws:SecureTransport': 'true' } });
    const ignoringCase = statement({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'api' }, Bool: { 'aws:SecureTransport': 'true' } });

    expect(compareConditions([tagged], untagged).verdict).toBe('broader');
    expect(compareConditions([tagged], ignoringCase).verdict).toBe('broader');
    expect(compareConditions([untagged], tagged).verdict).toBe('narrower');
  });

  it('says it cannot decide where the evaluator cannot (a policy variable), with the reason', () => {
    const own = statement({ StringLike: { 's3:prefix': 'home/${aws:username}/*' } });
    const all = statement({ StringLike: { 's3:prefix': 'home/*' } });

    const verdict = compareConditions([own], all);

    expect(verdict.verdict).toBe('undecided');
    expect(verdict.verdict === 'undecided' && verdict.reasons.join(' ')).toMatch(/policy variable \$\{aws:username\}/);
  });

  it('reads ${...} literally in a 2008-10-17 document, as IAM does', () => {
    const literal = statement({ StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, '2008-10-17');

    expect(compareConditions([literal], literal).verdict).toBe('same');
  });

  it('finds requests each side lets through that the other does not', () => {
    const one = statement({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } });
    const other = statement({ StringEquals: { 'aws:RequestedRegion': 'us-east-1' } });

    expect(compareConditions([one], other)).toEqual({ verdict: 'different', witness: { 'aws:RequestedRegion': 'us-east-1' } });
  });
});

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

describe('compareConditions, decided rather than sampled', () => {
  const sub = 'token.actions.githubusercontent.com:sub';

  it('finds the widening of a branch to every ref, with the request that proves it', () => {
    const main = statement({ StringLike: { [sub]: 'repo:org/app:ref:refs/heads/main' } });
    const anyRef = statement({ StringLike: { [sub]: 'repo:org/app:*' } });
    const oneCharacter = statement({ StringLike: { [sub]: 'repo:org/app:ref:refs/heads/ma?n' } });

    const verdict = compareConditions([main], anyRef);
    const oneCharacterVerdict = compareConditions([main], oneCharacter);

    expect(verdict.verdict === 'broader' && verdict.witness[sub]).toMatch(/^repo:org\/app:/);
    expect(verdict.verdict === 'broader' && verdict.witness[sub]).not.toBe('repo:org/app:ref:refs/heads/main');
    expect(oneCharacterVerdict.verdict === 'broader' && oneCharacterVerdict.witness[sub]).toMatch(/^repo:org\/app:ref:refs\/heads\/ma[^i]n$/);
    expect(compareConditions([oneCharacter], main)).toEqual({ verdict: 'narrower' });
  });

  it('finds a widening no value of the conditions shows: a "??" that two "?"-patterns only seem to cover', () => {
    // Sampling tried the values ("z?", "?z", "Z?", "?Z", the literal "??"), their upper case and their
    // wildcards filled with "z" or "z0": each is a string both sides let through.
    const old = statement({ StringLike: { 'aws:PrincipalTag/team': ['z?', '?z', 'Z?', '?Z', '${?}${?}'] } });
    const any = statement({ StringLike: { 'aws:PrincipalTag/team': '??' } });

    const verdict = compareConditions([old], any);

    expect(verdict.verdict).toBe('broader');
    expect(verdict.verdict === 'broader' && verdict.witness['aws:PrincipalTag/team']).toMatch(/^(?!\?\?$)[^zZ][^zZ]$/);
  });

  it('finds the instant between two dates one second apart, which no value one second either side shows', () => {
    const old = statement({ DateLessThanEquals: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } });
    const later = statement({ DateLessThan: { 'aws:CurrentTime': '2024-01-01T00:00:01Z' } });

    expect(compareConditions([old], later)).toEqual({ verdict: 'broader', witness: { 'aws:CurrentTime': '2024-01-01T00:00:00.500Z' } });
    expect(compareConditions([later], old)).toEqual({ verdict: 'narrower' });
  });

  it('finds the number between two limits, and decides CIDR ranges split into halves as the same', () => {
    const atMost = statement({ NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '10' } });
    const below = statement({ NumericLessThan: { 'aws:MultiFactorAuthAge': '10.5' } });
    const whole = statement({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } });
    const halves = statement({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/9', '10.128.0.0/9'] } });
    const holed = statement({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/9', '10.128.0.0/10', '10.255.0.0/16'] } });

    expect(compareConditions([atMost], below)).toEqual({ verdict: 'broader', witness: { 'aws:MultiFactorAuthAge': '10.3' } });
    expect(compareConditions([whole], halves)).toEqual({ verdict: 'same' });
    expect(compareConditions([holed], whole)).toEqual({ verdict: 'broader', witness: { 'aws:SourceIp': '10.192.0.0' } });
  });

  it('compares ARN conditions part by part', () => {
    const oneRole = statement({ ArnLike: { 'aws:SourceArn': 'arn:aws:iam::111122223333:role/ci-*' } });
    const anyRole = statement({ ArnLike: { 'aws:SourceArn': 'arn:aws:iam::111122223333:role/*' } });
    const anyAccount = statement({ ArnLike: { 'aws:SourceArn': 'arn:aws:iam::*:role/ci-*' } });

    expect(compareConditions([oneRole], anyRole).verdict).toBe('broader');
    expect(compareConditions([anyRole], oneRole)).toEqual({ verdict: 'narrower' });
    const verdict = compareConditions([oneRole], anyAccount);
    expect(verdict.verdict === 'broader' && verdict.witness['aws:SourceArn']).toMatch(/^arn:aws:iam::(?!111122223333:)[^:]*:role\/ci-/);
  });

  it('decides conditions with more values than sampling could combine', () => {
    // Three keys of twelve values: sampling tried each value and its upper case, more than 4096 requests.
    const regions = Array.from({ length: 12 }, (_, index) => `region-${index}`);
    const block = (values: string[]) => ({ StringEquals: { 'aws:RequestedRegion': values, 'aws:PrincipalTag/team': values, 'aws:ResourceTag/team': values } });
    const wide = statement(block(regions));
    const narrow = statement(block(regions.slice(1)));

    expect(compareConditions([wide], narrow)).toEqual({ verdict: 'narrower' });
    expect(compareConditions([narrow], wide).verdict).toBe('broader');
  });

  it('says a set operator is compared on samples only, where no sample tells the sides apart', () => {
    const tags = statement({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['team', 'env*'] } });
    const fewer = statement({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['team', 'env'] } });

    const verdict = compareConditions([fewer], tags);

    expect(verdict).toEqual({ verdict: 'broader', witness: { 'aws:TagKeys': ['env*'] } });
    expect(compareConditions([tags], fewer)).toEqual({
      verdict: 'undecided',
      reasons: ['aws:TagKeys is compared by a set operator (ForAnyValue/ForAllValues), so only on sample values'],
    });
    // The very same conditions let through the same requests, sampled or not.
    expect(compareConditions([tags], statement({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['env*', 'team'] } }))).toEqual({ verdict: 'same' });
  });
});

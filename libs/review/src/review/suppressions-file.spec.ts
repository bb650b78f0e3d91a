import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readSuppressionsFile, SuppressionsFileError } from './suppressions-file';

describe('readSuppressionsFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'suppressions-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("reads this repository's file: the findings npm start and the pull-request review accept", () => {
    const suppressions = readSuppressionsFile(resolve(__dirname, '..', '..', '..', '..', 'review-suppressions.json'));
    expect(suppressions.map((entry) => `${entry.rule}:${entry.address}`)).toEqual([
      'iam-broadening:aws_iam_policy.PermissionBoundary_*',
      'iam-broadening:aws_iam_role_policy_attachment.CiRoles_DeployPowerUser_*',
    ]);
  });

  it('names the file and the entry of every problem: a short reason, a missing address, an unknown key', () => {
    const path = file(
      'bad.json',
      JSON.stringify([
        { rule: 'drift', address: '*', reason: 'because' },
        { rule: 'drift', reason: 'long enough reason', extra: 1 },
      ]),
    );
    expect(() => readSuppressionsFile(path)).toThrow(SuppressionsFileError);
    const message = (() => {
      try {
        readSuppressionsFile(path);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message.split('\n')).toEqual([
      `${path}: [0].reason must say why, in at least 10 characters`,
      `${path}: [1].address Invalid input: expected string, received undefined`,
      `${path}: [1] Unrecognized key: "extra"`,
    ]);
  });

  it('refuses an unknown rule, a file that is not JSON, and a missing file, naming the file', () => {
    expect(() => readSuppressionsFile(file('rule.json', JSON.stringify([{ rule: 'no-such-rule', address: '*', reason: 'long enough reason' }])))).toThrow(
      /rule\.json: .*no-such-rule/,
    );
    expect(() => readSuppressionsFile(file('text.json', 'not json'))).toThrow(/text\.json: is not JSON/);
    expect(() => readSuppressionsFile(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read the suppressions file \(ENOENT\)/);
  });
});

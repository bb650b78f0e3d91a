/** The SARIF outputs through the real command (`node --import tsx apps/review/src/main.ts`), as CI runs it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Log } from 'sarif';
import { sarifValidator, writeGuardrailReport } from './testing/sarif';

const WORKSPACE = resolve(__dirname, '..', '..', '..');

function review(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/review/src/main.ts', ...args], { cwd: WORKSPACE, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run review SARIF outputs, run as a process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'review-sarif-int-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const validate = sarifValidator();

  it('converts the guardrail report a failed synth wrote, loading the guardrails only for it', () => {
    writeGuardrailReport(join(dir, 'cdktf.out'));
    const out = join(dir, 'guardrails.sarif');

    const result = review('--guardrails', join(dir, 'cdktf.out', 'guardrails.json'), '--format', 'sarif', '--out', out);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    const log = JSON.parse(readFileSync(out, 'utf8')) as Log;
    expect(validate(log)).toEqual([]);
    expect(log.runs[0].results?.map((entry) => entry.ruleId)).toEqual(['sns-encryption', 'log-group-kms', 'log-group-retention']);
  });

  it('writes the review of a stack directory as SARIF on standard output', () => {
    const result = review(
      join(WORKSPACE, 'libs', 'review', 'src', 'testing', 'fixtures', 'emulator', 'dev-us-east-1.refresh-only.plan.json'),
      '--format',
      'sarif',
    );

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(validate(JSON.parse(result.stdout))).toEqual([]);
  });

  it('refuses a missing guardrail report with one line and exit 2', () => {
    const result = review('--guardrails', join(dir, 'nothing.json'));

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`review: ${join(dir, 'nothing.json')}: no such file or directory\n`);
  });
});

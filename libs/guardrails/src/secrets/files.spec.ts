import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSecretHygieneCli } from './cli';
import { OPENAI_PROJECT_KEY } from './spec-fixtures';
import { checkSecretHygieneFiles, formatSecretFindings } from './files';

describe('checkSecretHygieneFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'secret-hygiene-'));
    for (const stack of ['dev-bootstrap', 'dev-us-east-1']) mkdirSync(join(dir, 'stacks', stack, '.terraform'), { recursive: true });
    writeFileSync(join(dir, 'stacks', 'dev-bootstrap', 'cdk.tf.json'), JSON.stringify({ resource: { aws_s3_bucket: { State: { bucket: 'state' } } } }));
    writeFileSync(
      join(dir, 'stacks', 'dev-us-east-1', 'cdk.tf.json'),
      JSON.stringify({ resource: { aws_lambda_function: { Api: { environment: { variables: { X: OPENAI_PROJECT_KEY } } } } } }),
    );
    writeFileSync(
      join(dir, 'stacks', 'dev-us-east-1', 'plan.json'),
      JSON.stringify({ resource_changes: [{ address: 'aws_secretsmanager_secret_version.k', change: { after: { secret_string: 'x' } } }] }),
    );
    // Provider binaries and their metadata are never read.
    writeFileSync(join(dir, 'stacks', 'dev-us-east-1', '.terraform', 'plan.json'), 'not json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every cdk.tf.json and plan.json under a folder and reports file, path, address and kind, never the value', () => {
    const result = checkSecretHygieneFiles([dir]);

    expect(result.ok).toBe(false);
    expect(result.files.map((file) => file.slice(dir.length + 1))).toEqual([
      'stacks/dev-bootstrap/cdk.tf.json',
      'stacks/dev-us-east-1/cdk.tf.json',
      'stacks/dev-us-east-1/plan.json',
    ]);
    const text = formatSecretFindings(result);
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Secret hygiene: 2 secret-like value(s) in 2 file(s) (values not shown):',
      `  ${join(dir, 'stacks/dev-us-east-1/cdk.tf.json')}: resource.aws_lambda_function.Api.environment.variables.X (aws_lambda_function.Api) holds what looks like an OpenAI API key`,
      `  ${join(dir, 'stacks/dev-us-east-1/plan.json')}: resource_changes[0].change.after.secret_string (aws_secretsmanager_secret_version.k) holds what looks like a secret value managed by Terraform (secret_string)`,
    ]);
    expect(text).not.toContain(OPENAI_PROJECT_KEY);
  });

  it('passes clean files', () => {
    const file = join(dir, 'stacks', 'dev-bootstrap', 'cdk.tf.json');

    expect(checkSecretHygieneFiles([file])).toEqual({ ok: true, files: [file], findings: [] });
    expect(formatSecretFindings(checkSecretHygieneFiles([file]))).toBe('Secret hygiene: no secret-like values in 1 file(s).');
  });

  it('names a missing path, a folder without stacks or plans, and a file that is not JSON', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{');

    expect(() => checkSecretHygieneFiles([join(dir, 'nope')])).toThrow(`Secret hygiene: ${join(dir, 'nope')} does not exist`);
    expect(() => checkSecretHygieneFiles([join(dir, 'stacks', 'dev-bootstrap', '.terraform')])).toThrow('Secret hygiene: no cdk.tf.json or plan.json under');
    expect(() => checkSecretHygieneFiles([broken])).toThrow(`Secret hygiene: ${broken} is not JSON`);
  });

  it('runs as a command: exit 1 on findings, 0 when clean, 2 on bad input', () => {
    const out: string[] = [];

    expect(runSecretHygieneCli([dir], (text) => out.push(text))).toBe(1);
    expect(runSecretHygieneCli([join(dir, 'stacks', 'dev-bootstrap')], (text) => out.push(text))).toBe(0);
    expect(runSecretHygieneCli([join(dir, 'nope')], (text) => out.push(text))).toBe(2);
    expect(runSecretHygieneCli([], (text) => out.push(text))).toBe(2);
  });
});

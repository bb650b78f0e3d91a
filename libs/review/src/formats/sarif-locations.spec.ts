import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { emulatorFixturePath } from '../testing/emulator';
import { artifactLocation, configurationKeyPath, configurationLines, jsonKeyLines } from './sarif-locations';

describe('jsonKeyLines', () => {
  const text = [
    '{', //                                      1
    '  "resource": {', //                        2
    '    "aws_s3_bucket": {', //                 3
    '      "Data": { "tags": { "Data": 1 } },', // 4: the nested "Data" is deeper than asked
    '      "Logs": {}', //                       5
    '    },', //                                 6
    '    "aws_sqs_queue": { "Jobs": {} }', //    7
    '  },', //                                   8
    '  "list": [ { "resource": 1 } ],', //       9: keys inside arrays are not on a path
    '  "we\\"ird": { "x": "a \\"}\\" b", "y": 2 }', // 10: escapes in keys and braces in strings
    '}',
  ].join('\n');
  const keys = jsonKeyLines(text);

  it('finds the line of each key by its path from the root', () => {
    expect(keys.lineOf(['resource'])).toBe(2);
    expect(keys.lineOf(['resource', 'aws_s3_bucket', 'Data'])).toBe(4);
    expect(keys.lineOf(['resource', 'aws_s3_bucket', 'Logs'])).toBe(5);
    expect(keys.lineOf(['resource', 'aws_sqs_queue', 'Jobs'])).toBe(7);
  });

  it('reads escaped keys and is not misled by braces inside strings', () => {
    expect(keys.lineOf(['we"ird', 'y'])).toBe(10);
  });

  it('knows nothing deeper than asked, inside arrays, or absent', () => {
    expect(keys.lineOf(['resource', 'aws_s3_bucket', 'Data', 'tags'])).toBeUndefined();
    expect(keys.lineOf(['list', 'resource'])).toBeUndefined();
    expect(keys.lineOf(['resource', 'aws_s3_bucket', 'Missing'])).toBeUndefined();
  });

  it('finds nothing, and does not throw, in text that is not JSON', () => {
    expect(jsonKeyLines('not json "at": all {').lineOf(['at'])).toBeUndefined();
  });
});

describe('configurationKeyPath', () => {
  it('maps resources, data sources and outputs to their Terraform JSON blocks', () => {
    expect(configurationKeyPath('aws_s3_bucket.Data_1234')).toEqual(['resource', 'aws_s3_bucket', 'Data_1234']);
    expect(configurationKeyPath('data.aws_iam_policy_document.Trust')).toEqual(['data', 'aws_iam_policy_document', 'Trust']);
    expect(configurationKeyPath('output.bucket_name')).toEqual(['output', 'bucket_name']);
  });

  it('declares every count and for_each instance once, without its key', () => {
    expect(configurationKeyPath('aws_subnet.Private[0]')).toEqual(['resource', 'aws_subnet', 'Private']);
    expect(configurationKeyPath('aws_subnet.Private["eu-west-1a"]')).toEqual(['resource', 'aws_subnet', 'Private']);
  });

  it('has no path for addresses inside modules, which a root cdk.tf.json does not declare', () => {
    expect(configurationKeyPath('module.vpc.aws_vpc.this')).toBeUndefined();
  });
});

describe('configurationLines on a real cdk.tf.json', () => {
  const text = readFileSync(emulatorFixturePath('cdk.tf'), 'utf8');
  const lines = text.split('\n');
  const lineOf = configurationLines(text);

  it('finds the line declaring a resource, and the declaring line of an output', () => {
    const bucket = lineOf('aws_s3_bucket_versioning.OutputBucket_Versioning_F9BEC495') ?? 0;
    const output = lineOf('output.vpc_id') ?? 0;

    expect(lines[bucket - 1].trim()).toBe('"OutputBucket_Versioning_F9BEC495": {');
    expect(lines[output - 1].trim()).toBe('"vpc_id": {');
    // Not the mention of the same name in the "//" metadata at the top of the file.
    expect(output).toBeGreaterThan(lines.findIndex((line) => line.includes('"vpc_id"')) + 1);
  });
});

describe('artifactLocation', () => {
  const root = resolve('/repo');

  it('is relative to the repository root with %SRCROOT%, URI-encoded segment by segment', () => {
    expect(artifactLocation(join(root, 'cdktf.out', 'stacks', 'a b', 'plan.json'), root)).toEqual({
      uri: 'cdktf.out/stacks/a%20b/plan.json',
      uriBaseId: '%SRCROOT%',
    });
  });

  it('is an absolute file URI outside the root', () => {
    expect(artifactLocation('/elsewhere/plan.json', root)).toEqual({ uri: 'file:///elsewhere/plan.json' });
  });
});

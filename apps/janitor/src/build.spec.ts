/** The janitor's Lambda asset: a bundle exporting `handler`, alone in a small reproducible zip. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import type { BundleResult } from '@llm/bundle';
import { buildJanitor, ZIP_LIMIT_BYTES } from '../build';

const run = promisify(execFile);
let root: string;
let first: BundleResult;
let second: BundleResult;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'janitor-build-'));
  [first, second] = [await buildJanitor(join(root, 'one')), await buildJanitor(join(root, 'two', 'deeper'))];
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const ENV = {
  PATH: process.env.PATH ?? '',
  NODE_NO_WARNINGS: '1',
  AWS_REGION: 'us-east-1',
  ENVIRONMENT_NAME: 'dev',
  WORKER_MAX_HOURS: '8',
  OUTPUT_BUCKET_NAME: 'llm-platform-dev-us-east-1-generations-111111111111',
};

describe('buildJanitor', () => {
  it('zips index.js and its map, byte-identical whatever the output folder, under the size limit', () => {
    expect(Object.keys(unzipSync(readFileSync(first.zipPath)))).toEqual(['index.js', 'index.js.map']);
    expect(second.zipSha256).toBe(first.zipSha256);
    expect(first.zipPath.endsWith('janitor.zip')).toBe(true);
    expect(first.zipBytes).toBeLessThan(ZIP_LIMIT_BYTES);
  });

  it('exports handler from index.js', async () => {
    const { stdout } = await run(process.execPath, ['-e', `process.stdout.write(typeof require(${JSON.stringify(first.bundlePath)}).handler)`], { env: ENV });

    expect(stdout).toBe('function');
  });

  it('fails to load with a message naming a missing variable', async () => {
    const { WORKER_MAX_HOURS: _omitted, ...without } = ENV;

    const failure = await run(process.execPath, ['-e', `require(${JSON.stringify(first.bundlePath)})`], { env: without }).catch(
      (error: { stderr: string }) => error,
    );

    expect('stderr' in failure ? failure.stderr : '').toContain('WORKER_MAX_HOURS must be an integer 1..72');
  });
});

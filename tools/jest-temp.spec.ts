/** The global teardown's judgement of what a run left in its temp folder (tools/jest-temp.js). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the teardown is plain CommonJS, loaded by jest itself
const { leftoversOf } = require('./jest-temp') as { leftoversOf: (runDir: string) => string[] };

describe('leftoversOf', () => {
  it("names a file folder with something in it and anything else, but not tsx's cache or the empty folder of a wholly skipped file", () => {
    const runDir = mkdtempSync(join(tmpdir(), 'run-'));
    mkdirSync(join(runDir, 'tsx-0'));
    mkdirSync(join(runDir, 'file-skipped'));
    mkdirSync(join(runDir, 'file-leaky'));
    writeFileSync(join(runDir, 'file-leaky', 'cdktf.outdir.x'), '');
    writeFileSync(join(runDir, 'stray.json'), '{}');

    expect(leftoversOf(runDir).sort()).toEqual(['file-leaky', 'stray.json']);
    rmSync(runDir, { recursive: true, force: true });
  });
});

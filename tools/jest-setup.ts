/**
 * Runs before every test file: registers cdktf's jest matchers (toHaveResourceWithProperties,
 * toBeValidTerraform, ...) and gives the file a temp folder of its own inside the run's
 * (tools/jest-temp.js), removed when the file ends, so what its tests and their child processes
 * leave there (cdktf's Testing.synthScope makes a `cdktf.outdir.*` folder per synth and never
 * removes it) is gone with the file instead of piling up for the whole run.
 */
import { Testing } from 'cdktf';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

Testing.setupJest();

const runDir = process.env.LLM_JEST_TMPDIR;
if (runDir) {
  const fileDir = mkdtempSync(join(runDir, 'file-'));
  const previous = { tmpdir: os.tmpdir, TMPDIR: process.env.TMPDIR };
  // The test sandbox's process.env is a copy that core modules never see: os.tmpdir() (the one
  // real module a worker shares, and a worker runs one file at a time) is pointed at the file's
  // folder, and TMPDIR for the child processes the file starts with the sandbox's environment.
  os.tmpdir = () => fileDir;
  process.env.TMPDIR = fileDir;
  afterAll(() => {
    os.tmpdir = previous.tmpdir;
    process.env.TMPDIR = previous.TMPDIR;
    rmSync(fileDir, { recursive: true, force: true, maxRetries: 3 });
  });
}

/**
 * Every jest run gets a temp folder of its own, and removes it at the end: tests (and cdktf's
 * Testing.synthScope, which makes a `cdktf.outdir.*` folder per synth and never removes it) write
 * their scratch folders there through TMPDIR, which os.tmpdir() and child processes read; each test
 * file gets a folder inside it, removed when the file ends (tools/jest-setup.ts).
 *
 * The teardown proves the run cleaned up after itself: the run's folder must be empty but for
 * what the global setups leave on purpose (tsx's transform cache) before it is removed, else the
 * run fails naming what was left (a test file whose afterAll never ran, a child process still
 * writing after its file ended). The system temp folder itself is shared with every other program
 * on the machine, so entries new there since the setup are reported in one line, not failed on.
 */
const { mkdtempSync, readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const RUN_DIR_VARIABLE = 'LLM_JEST_TMPDIR';

async function setup() {
  if (process.env[RUN_DIR_VARIABLE]) return;
  const systemTemp = tmpdir();
  process.env.LLM_JEST_SYSTEM_TMPDIR = systemTemp;
  process.env.LLM_JEST_TMP_BEFORE = JSON.stringify(readdirSync(systemTemp));
  const runDir = mkdtempSync(join(systemTemp, 'llm-platform-jest-'));
  process.env[RUN_DIR_VARIABLE] = runDir;
  // A jest started by a test (in a throwaway repository, say) inherits all this: only the run
  // that made the folder removes it.
  process.env.LLM_JEST_TMPDIR_OWNER = String(process.pid);
  process.env.TMPDIR = runDir;
}

/** Entries a global setup leaves in the run's folder on purpose: tsx's cache (`tsx-<uid>`), made by the bundle builds. */
const EXPECTED_LEFTOVERS = /^tsx-\d+$/;

/**
 * What is left in the run's folder that nothing should have left. An empty file folder is not a
 * leftover: jest runs no hook of a file whose tests are all skipped (the browser tests where
 * chromium is missing), so its afterAll never removes the folder the setup made, but nothing
 * was written there either.
 */
function leftoversOf(runDir) {
  return readdirSync(runDir, { withFileTypes: true })
    .filter((entry) => !EXPECTED_LEFTOVERS.test(entry.name))
    .filter((entry) => !(entry.isDirectory() && entry.name.startsWith('file-') && readdirSync(join(runDir, entry.name)).length === 0))
    .map((entry) => entry.name);
}

async function teardown() {
  const runDir = process.env[RUN_DIR_VARIABLE];
  const systemTemp = process.env.LLM_JEST_SYSTEM_TMPDIR;
  if (!runDir || !systemTemp || process.env.LLM_JEST_TMPDIR_OWNER !== String(process.pid)) return;
  let left;
  try {
    left = leftoversOf(runDir);
  } finally {
    rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
  }
  const before = new Set(JSON.parse(process.env.LLM_JEST_TMP_BEFORE || '[]'));
  const elsewhere = readdirSync(systemTemp).filter((name) => !before.has(name) && !name.startsWith('llm-platform-jest-'));
  if (elsewhere.length > 0) {
    process.stderr.write(
      `\njest: ${elsewhere.length} new entr${elsewhere.length === 1 ? 'y' : 'ies'} in ${systemTemp} since the run started (other programs write there too): ${elsewhere.slice(0, 5).join(', ')}${elsewhere.length > 5 ? ', ...' : ''}\n`,
    );
  }
  if (left.length > 0) {
    throw new Error(
      `jest: the run left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in its temp folder ${runDir} (removed now): ${left.slice(0, 10).join(', ')}${left.length > 10 ? ', ...' : ''}. ` +
        "A test file's folder (file-*) outlived the file: its afterAll did not run, or a process it started kept writing.",
    );
  }
}

module.exports = { setup, teardown, leftoversOf };

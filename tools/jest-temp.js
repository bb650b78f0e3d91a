/**
 * Every jest run gets a temp folder of its own, and removes it at the end: tests (and cdktf's
 * Testing.synthScope, which makes a `cdktf.outdir.*` folder per synth and never removes it) write
 * their scratch folders there through TMPDIR, which os.tmpdir() and child processes read. The
 * teardown also says in one line when something was left in the system temp folder itself.
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

async function teardown() {
  const runDir = process.env[RUN_DIR_VARIABLE];
  const systemTemp = process.env.LLM_JEST_SYSTEM_TMPDIR;
  if (!runDir || !systemTemp || process.env.LLM_JEST_TMPDIR_OWNER !== String(process.pid)) return;
  rmSync(runDir, { recursive: true, force: true });
  const before = new Set(JSON.parse(process.env.LLM_JEST_TMP_BEFORE || '[]'));
  // Other programs on the machine write there too: a line to look into, not a failure.
  const left = readdirSync(systemTemp).filter((name) => !before.has(name) && !name.startsWith('llm-platform-jest-'));
  if (left.length > 0) process.stderr.write(`\njest: ${left.length} new entr${left.length === 1 ? 'y' : 'ies'} in ${systemTemp} (not from this run's folder): ${left.slice(0, 5).join(', ')}${left.length > 5 ? ', ...' : ''}\n`);
}

module.exports = { setup, teardown };

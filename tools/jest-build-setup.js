/**
 * Runs once per jest run, before any test: builds the pipeline bundle (dist/apps/llm-api), because
 * every regional stack packages it as a Terraform asset and synthesis fails without it. esbuild
 * takes about a second, and building every time means no test ever synthesizes stale code.
 */
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function buildSetup() {
  if (process.env.LLM_API_BUILT_FOR_JEST) return;
  const root = join(__dirname, '..');
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'apps', 'llm-api', 'build.ts')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`Building apps/llm-api for the tests failed (exit ${result.status}):\n${result.stderr || result.stdout}`);
  }
  process.env.LLM_API_BUILT_FOR_JEST = '1';
};

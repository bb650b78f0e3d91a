/**
 * Runs once per jest run, before any test: builds the pipeline and janitor bundles (dist/apps/llm-api, dist/apps/janitor), because
 * every regional stack packages it as a Terraform asset and synthesis fails without it. esbuild
 * takes about a second, and building every time means no test ever synthesizes stale code.
 */
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function buildSetup() {
  if (process.env.LLM_API_BUILT_FOR_JEST) return;
  const root = join(__dirname, '..');
  // The janitor's zip is an asset of the regional stacks too (dist/apps/janitor/janitor.zip).
  for (const app of ['llm-api', 'janitor']) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'apps', app, 'build.ts')], {
      cwd: root,
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      throw new Error(`Building apps/${app} for the tests failed (exit ${result.status}):\n${result.stderr || result.stdout}`);
    }
  }
  process.env.LLM_API_BUILT_FOR_JEST = '1';
};

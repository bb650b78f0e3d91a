/**
 * Runs once per jest run, before the integration tier: says in one line when that tier's
 * Terraform tests will be skipped (no terraform) or will use the registry (no provider mirror).
 * The per-test decision is made by describeWithTerraform (libs/terraform/src/testing.ts).
 */
const { spawnSync } = require('node:child_process');
const buildSetup = require('./jest-build-setup');

module.exports = async function integrationGlobalSetup() {
  await buildSetup();
  const probe = spawnSync('terraform', ['version'], {
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null' },
  });
  if (probe.error || probe.status !== 0) {
    const ci = process.env.CI && process.env.CI !== 'false';
    process.stderr.write(
      ci
        ? '\nTerraform tier: terraform is not on PATH; CI requires it, so those tests will fail.\n'
        : '\nTerraform tier skipped: terraform is not on PATH (install Terraform >= 1.10 to run it).\n',
    );
  }
};

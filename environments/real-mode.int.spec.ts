/**
 * Real mode cannot be planned without an AWS account, but its configuration (S3 backend aside,
 * which `init -backend=false` skips) is proven valid by the real `terraform validate`.
 */
import { findProviderMirror, mapWithConcurrency, runTerraform, terraformEnvironment, writeCliConfig } from '@llm/terraform';
import { describeWithTerraform } from '@llm/terraform/testing';
import { App } from 'cdktf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addEnvironmentStacks } from '@llm/stacks';
import { environmentsUnderTest } from './testing';

describeWithTerraform('stacks in real mode', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'real-mode-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('pass terraform validate, every one', async () => {
    const app = new App({ outdir });
    const stacks = environmentsUnderTest().flatMap((env) => addEnvironmentStacks(app, env, 'real'));
    app.synth();
    const env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(outdir, 'cli'), findProviderMirror()) });

    const outcomes = await mapWithConcurrency(stacks, 2, async (stack) => {
      const dir = join(outdir, 'stacks', stack.node.id);
      const init = await runTerraform(['init', '-backend=false', '-input=false', '-no-color'], dir, env);
      if (init.code !== 0) return `${stack.node.id}: init failed\n${init.stderr}`;
      const validate = await runTerraform(['validate', '-no-color'], dir, env);
      return validate.code === 0 ? `${stack.node.id}: valid` : `${stack.node.id}: invalid\n${validate.stderr}`;
    });
    expect(outcomes).toEqual(stacks.map((stack) => `${stack.node.id}: valid`));
  });
});

/**
 * staging in the emulator: two regions applied, re-planned and state-reviewed
 * (applied-environment.ts); the cdktf CLI's own deploy works in emulator mode too.
 */
import { findProviderMirror, writeCliConfig } from '@llm/terraform';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { APPLY_TIMEOUT_MS, describeAppliedEnvironment } from './applied-environment';
import { runCommand, WORKSPACE_ROOT } from './harness';

describeAppliedEnvironment('staging', ({ emulated }) => {
  it(
    'INFRA_EMULATOR_URL=... npx cdktf deploy <stack> --auto-approve applies against the same state (nothing left to do)',
    async () => {
      const output = mkdtempSync(join(emulated().outdir, 'cdktf-cli-'));
      const run = await runCommand(
        join(WORKSPACE_ROOT, 'node_modules', '.bin', 'cdktf'),
        ['deploy', emulated().stackName('global'), '--auto-approve', '--skip-provider-lock', '--output', output],
        {
          env: {
            ...process.env,
            INFRA_EMULATOR_URL: emulated().url,
            INFRA_ENVIRONMENTS: 'staging',
            TF_CLI_CONFIG_FILE: writeCliConfig(join(output, 'cli'), findProviderMirror()),
            CHECKPOINT_DISABLE: '1',
            CI: 'true',
          },
          timeoutMs: 10 * 60_000,
        },
      );
      if (run.code !== 0) throw new Error(`cdktf deploy exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
      expect(run.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    },
    APPLY_TIMEOUT_MS,
  );
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Synthesis } from '../synth';
import { deployEnvironment, deploymentWaves } from './deploy';
import { staleFoldersLine } from './report';

describe('deploymentWaves', () => {
  const synthesized = ['prod-bootstrap', 'prod-global', 'prod-eu-west-1', 'prod-eu-central-1', 'prod-us-east-1'];

  it('applies bootstrap, then global, then the regions in the order the app made them', () => {
    expect(deploymentWaves('prod', synthesized, false)).toEqual({
      waves: [['prod-bootstrap'], ['prod-global'], ['prod-eu-west-1', 'prod-eu-central-1', 'prod-us-east-1']],
      kept: [],
    });
  });

  it('destroys in reverse order and keeps the bootstrap stack, which holds every other state', () => {
    const { waves, kept } = deploymentWaves('prod', synthesized, true);
    expect(waves).toEqual([['prod-eu-west-1', 'prod-eu-central-1', 'prod-us-east-1'], ['prod-global']]);
    expect(kept.map((entry) => entry.stack)).toEqual(['prod-bootstrap']);
  });
});

/**
 * A stand-in for the cdktf app with the same contract (CDKTF_OUTDIR, INFRA_ENVIRONMENTS, a
 * manifest.json naming each stack's folder): three stacks per environment, each recording the
 * emulator URL it was synthesized for.
 */
const FAKE_APP = `
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const out = process.env.CDKTF_OUTDIR;
const stacks = {};
for (const env of process.env.INFRA_ENVIRONMENTS.split(',')) {
  for (const suffix of ['bootstrap', 'global', 'us-east-1']) {
    const name = env + '-' + suffix;
    mkdirSync(join(out, 'stacks', name), { recursive: true });
    writeFileSync(join(out, 'stacks', name, 'cdk.tf.json'), JSON.stringify({ emulator: process.env.INFRA_EMULATOR_URL }));
    stacks[name] = { workingDirectory: join('stacks', name) };
  }
}
writeFileSync(join(out, 'manifest.json'), JSON.stringify({ stacks }));
`;

class StopBeforeApply extends Error {}

describe('deployEnvironment', () => {
  let workspace: string;
  let stacksDir: string;
  const file = (path: string, text: string) => {
    mkdirSync(dirname(join(stacksDir, path)), { recursive: true });
    writeFileSync(join(stacksDir, path), text);
  };

  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'deploy-workspace-'));
    writeFileSync(join(workspace, 'cdktf.json'), JSON.stringify({ app: 'node app.js' }));
    writeFileSync(join(workspace, 'app.js'), FAKE_APP);
    stacksDir = join(workspace, 'cdktf.out', 'emulator', 'stacks');
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  it('leaves only current stacks: removes the folders of stacks that no longer exist, never one holding state', async () => {
    // An earlier run's dev, a removed environment qa, and staging, deployed before.
    file('dev-global/cdk.tf.json', 'from an earlier run');
    file('qa-global/.terraform/terraform.tfstate', '{"version":3,"backend":{"type":"s3"}}'); // backend settings: the state is in the bucket
    file('qa-us-east-1/cdk.tf.json', '{}');
    file('qa-bootstrap/terraform.tfstate', '{"version":4}');
    file('staging-global/cdk.tf.json', 'staging, untouched');
    const known = ['dev-bootstrap', 'dev-global', 'dev-us-east-1', 'staging-bootstrap', 'staging-global', 'staging-us-east-1'];
    let synthesis: Synthesis | undefined;

    const run = deployEnvironment(
      workspace,
      { environment: 'dev', url: new URL('http://127.0.0.1:4599'), stacks: [], destroy: false, outdir: 'cdktf.out/emulator', known },
      {
        onSynthesized: (result) => (synthesis = result),
        beforeApply: async () => {
          throw new StopBeforeApply();
        },
      },
    );

    await expect(run).rejects.toBeInstanceOf(StopBeforeApply);
    expect(synthesis?.stacks.map((stack) => stack.name)).toEqual(['dev-bootstrap', 'dev-global', 'dev-us-east-1']);
    expect([...(synthesis?.removed ?? [])].sort()).toEqual(['qa-global', 'qa-us-east-1']);
    expect(synthesis?.keptWithState).toEqual([{ name: 'qa-bootstrap', files: ['terraform.tfstate'] }]);
    expect(readdirSync(stacksDir).sort()).toEqual(['dev-bootstrap', 'dev-global', 'dev-us-east-1', 'qa-bootstrap', 'staging-global']);
    expect(readFileSync(join(stacksDir, 'qa-bootstrap', 'terraform.tfstate'), 'utf8')).toBe('{"version":4}');
    expect(JSON.parse(readFileSync(join(stacksDir, 'dev-global', 'cdk.tf.json'), 'utf8'))).toEqual({ emulator: 'http://127.0.0.1:4599' });
    expect(readFileSync(join(stacksDir, 'staging-global', 'cdk.tf.json'), 'utf8')).toBe('staging, untouched');
  });
});

describe('staleFoldersLine', () => {
  it('says in one line which folders were removed, which were kept, and why', () => {
    const line = staleFoldersLine('cdktf.out/emulator/stacks', {
      removed: ['qa-global', 'qa-us-east-1'],
      keptWithState: [{ name: 'qa-bootstrap', files: ['terraform.tfstate'] }],
    });

    expect(line).toBe(
      'Folders of stacks that no longer exist, in cdktf.out/emulator/stacks: removed qa-global, qa-us-east-1 (no such stack in the configuration any more); ' +
        'kept qa-bootstrap (terraform.tfstate): no such stack any more, but the folder holds Terraform state; move the state to a safe place, then delete the folder',
    );
  });

  it('says nothing when no folder was stale', () => {
    expect(staleFoldersLine('cdktf.out/emulator/stacks', { removed: [], keptWithState: [] })).toBeUndefined();
  });
});

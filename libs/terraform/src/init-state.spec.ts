/**
 * The record of a completed `terraform init`, on folders laid out the way Terraform leaves them
 * (no terraform runs here; plan-stack.int.spec.ts proves the same with the real binary).
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInitialised, DATA_DIR, initConfiguration, LOCK_FILE, prepareInit, recordInitialised } from './init-state';

const provider = { aws: [{ region: 'eu-west-1' }] };
const requirements = { required_providers: { aws: { source: 'aws', version: '5.100.0' } }, backend: { local: { path: 'terraform.tfstate' } } };

describe('initConfiguration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const hashOf = (config: object) => {
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(config));
    return initConfiguration(dir);
  };
  const base = { terraform: requirements, provider, resource: { aws_sqs_queue: { a: { name: 'a' } } } };

  it('ignores what changes plans but not inits: resources of known providers, their arguments, outputs', () => {
    expect(hashOf({ ...base, resource: { aws_sqs_queue: { a: { name: 'b' } }, aws_s3_bucket: { c: {} } }, output: { x: { value: 1 } } })).toBe(hashOf(base));
  });

  it.each([
    ['the backend block', { ...base, terraform: { ...requirements, backend: { local: { path: 'other.tfstate' } } } }],
    ['required_providers', { ...base, terraform: { ...requirements, required_providers: { aws: { source: 'aws', version: '>= 5.0' } } } }],
    ['a provider a resource implies', { ...base, resource: { ...base.resource, random_id: { r: {} } } }],
    ['a module source', { ...base, module: { vpc: { source: './vpc' } } }],
  ])('sees a change of %s', (_, changed) => {
    expect(hashOf(changed)).not.toBe(hashOf(base));
  });

  it('sees an added override file', () => {
    const before = hashOf(base);
    writeFileSync(join(dir, 'backend_override.tf.json'), JSON.stringify({ terraform: { backend: { local: { path: 'x' } } } }));
    expect(initConfiguration(dir)).not.toBe(before);
    rmSync(join(dir, 'backend_override.tf.json'));
  });
});

describe('checkInitialised', () => {
  const root = mkdtempSync(join(tmpdir(), 'init-state-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const cliConfig = join(root, 'terraformrc');
  writeFileSync(cliConfig, 'provider_installation { direct {} }\n');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, TF_CLI_CONFIG_FILE: cliConfig };
  let count = 0;

  /** A folder as `terraform init` leaves it with a mirror: backend settings, a lock file, the provider linked from the mirror. */
  function initialisedFolder(): { dir: string; mirrorBinary: string } {
    const dir = join(root, `stack-${++count}`);
    const mirror = join(root, `mirror-${count}`, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', 'linux_amd64');
    mkdirSync(mirror, { recursive: true });
    const mirrorBinary = join(mirror, 'terraform-provider-aws_v5.100.0_x5');
    writeFileSync(mirrorBinary, 'provider binary');
    const providers = join(dir, DATA_DIR, 'providers', 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0');
    mkdirSync(providers, { recursive: true });
    symlinkSync(mirror, join(providers, 'linux_amd64'));
    writeFileSync(join(dir, DATA_DIR, 'terraform.tfstate'), JSON.stringify({ version: 3, backend: { type: 'local', hash: 1 } }));
    writeFileSync(join(dir, LOCK_FILE), 'provider "registry.terraform.io/hashicorp/aws" {}\n');
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ terraform: requirements, provider }));
    recordInitialised(dir, env, { lockFromInit: true });
    return { dir, mirrorBinary };
  }

  it('finds a folder initialised for its configuration, lock and CLI configuration ready', () => {
    const { dir } = initialisedFolder();
    expect(checkInitialised(dir, env)).toEqual({ ready: true });
  });

  it('says a folder without .terraform, or without a record of a completed init, is not', () => {
    const dir = join(root, 'fresh');
    mkdirSync(dir);
    writeFileSync(join(dir, 'cdk.tf.json'), '{}');
    expect(checkInitialised(dir, env)).toEqual({ ready: false, reason: 'not initialised' });
    mkdirSync(join(dir, DATA_DIR));
    expect(checkInitialised(dir, env)).toEqual({ ready: false, reason: '.terraform has no record of a completed init' });
  });

  it.each<[string, (folder: { dir: string; mirrorBinary: string }) => void, string]>([
    [
      'the backend block changed',
      ({ dir }) => writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ terraform: { ...requirements, backend: { local: { path: 'b' } } }, provider })),
      'backend, provider or module requirements changed',
    ],
    ['the lock file was edited', ({ dir }) => appendFileSync(join(dir, LOCK_FILE), '# edited\n'), '.terraform.lock.hcl changed'],
    ['the lock file was removed', ({ dir }) => rmSync(join(dir, LOCK_FILE)), '.terraform.lock.hcl is missing'],
    ['the provider build in the mirror changed', ({ mirrorBinary }) => writeFileSync(mirrorBinary, 'another build'), '.terraform changed since the last init'],
    ['the mirror is gone', ({ mirrorBinary }) => rmSync(join(mirrorBinary, '..'), { recursive: true }), '.terraform changed since the last init'],
    ['the providers folder is gone', ({ dir }) => rmSync(join(dir, DATA_DIR, 'providers'), { recursive: true }), '.terraform changed since the last init'],
    [
      'the backend settings were damaged',
      ({ dir }) => writeFileSync(join(dir, DATA_DIR, 'terraform.tfstate'), '{"version":'),
      '.terraform changed since the last init',
    ],
    ['the record itself is damaged', ({ dir }) => writeFileSync(join(dir, DATA_DIR, 'llm-platform-init.json'), '{'), 'has no record of a completed init'],
  ])('asks for init when %s', (_, change, reason) => {
    const folder = initialisedFolder();
    change(folder);
    const check = checkInitialised(folder.dir, env);
    expect(check.ready).toBe(false);
    expect(!check.ready && check.reason).toContain(reason);
  });

  it('asks for init when the CLI configuration (the provider mirror) or a variable that changes init differs', () => {
    const { dir } = initialisedFolder();
    expect(checkInitialised(dir, { ...env, TF_CLI_ARGS_init: '-plugin-dir=/elsewhere' })).toEqual({
      ready: false,
      reason: 'TF_* variables that change init changed',
    });
    writeFileSync(cliConfig, 'provider_installation { filesystem_mirror { path = "/opt/tf-plugins" } }\n');
    expect(checkInitialised(dir, env)).toEqual({ ready: false, reason: 'the Terraform CLI configuration (provider mirror) changed' });
    writeFileSync(cliConfig, 'provider_installation { direct {} }\n');
    expect(checkInitialised(dir, env)).toEqual({ ready: true });
    expect(checkInitialised(dir, { ...env, TF_DATA_DIR: join(root, 'shared') })).toEqual({ ready: false, reason: 'TF_DATA_DIR is set' });
  });

  it('keeps an unchanged init when the folder moves, as a re-synthesis moves it', () => {
    const { dir } = initialisedFolder();
    const moved = join(root, 'moved');
    mkdirSync(moved);
    writeFileSync(join(moved, 'cdk.tf.json'), JSON.stringify({ terraform: requirements, provider, resource: { aws_sqs_queue: { q: {} } } }));
    for (const name of [DATA_DIR, LOCK_FILE]) renameSync(join(dir, name), join(moved, name));
    expect(checkInitialised(moved, env)).toEqual({ ready: true });
  });
});

describe('prepareInit', () => {
  const root = mkdtempSync(join(tmpdir(), 'prepare-init-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  function folder(name: string, lock: boolean): string {
    const dir = join(root, name);
    mkdirSync(join(dir, DATA_DIR, 'providers'), { recursive: true });
    writeFileSync(join(dir, 'cdk.tf.json'), '{}');
    if (lock) writeFileSync(join(dir, LOCK_FILE), '# lock\n');
    return dir;
  }

  it('removes .terraform and the lock file the last init wrote into a folder that had none: the folder is as synthesis left it', () => {
    const dir = folder('own-lock', true);
    recordInitialised(dir, env, { lockFromInit: true });
    expect(prepareInit(dir, true)).toEqual({ lockFromInit: true });
    expect([existsSync(join(dir, DATA_DIR)), existsSync(join(dir, LOCK_FILE))]).toEqual([false, false]);
  });

  it('keeps a lock file that was there before the init, or was edited since: an input', () => {
    const before = folder('their-lock', true);
    recordInitialised(before, env, { lockFromInit: false });
    expect(prepareInit(before, true)).toEqual({ lockFromInit: false });
    expect([existsSync(join(before, DATA_DIR)), existsSync(join(before, LOCK_FILE))]).toEqual([false, true]);

    const edited = folder('edited-lock', true);
    recordInitialised(edited, env, { lockFromInit: true });
    appendFileSync(join(edited, LOCK_FILE), '# by hand\n');
    expect(prepareInit(edited, true)).toEqual({ lockFromInit: false });
    expect(existsSync(join(edited, LOCK_FILE))).toBe(true);
  });

  it('leaves the folder alone without clean, and still says whose the lock file is', () => {
    const dir = folder('in-place', true);
    recordInitialised(dir, env, { lockFromInit: true });
    expect(prepareInit(dir, false)).toEqual({ lockFromInit: true });
    expect([existsSync(join(dir, DATA_DIR)), existsSync(join(dir, LOCK_FILE))]).toEqual([true, true]);
  });
});

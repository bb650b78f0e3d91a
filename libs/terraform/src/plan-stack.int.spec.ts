import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyStack,
  DATA_DIR,
  findProviderMirror,
  INIT_STAMP_FILE,
  LOCK_FILE,
  planStack,
  terraformEnvironment,
  writeCliConfig,
  type StackPlanResult,
} from './index';
import { recordInitialised } from './init-state';
import { describeWithTerraform } from './testing';

describeWithTerraform('planStack with the real terraform', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-stack-'));
  const env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(dir, 'cli'), findProviderMirror()) });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function stackDir(name: string, config: object): string {
    const path = join(dir, name);
    mkdirSync(path);
    writeFileSync(join(path, 'cdk.tf.json'), JSON.stringify(config));
    return path;
  }

  const provider = {
    terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
    provider: {
      aws: [
        {
          region: 'eu-west-1',
          access_key: 'x',
          secret_key: 'x',
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: 'true',
        },
      ],
    },
  };

  it('returns Terraform own error and the failing step for an invalid stack', async () => {
    const path = stackDir('broken', { ...provider, resource: { aws_s3_bucket: { b: { bucket: 'b-1234', no_such_argument: true } } } });
    const result = await planStack('broken', path, env, { validate: true });
    expect(result).toMatchObject({ stack: 'broken', ok: false, failedStep: 'validate' });
    expect(!result.ok && result.error).toMatch(/Extraneous JSON object property[\s\S]*No argument or block type is named "no_such_argument"/);
  });

  it('counts a plan the way Terraform does', async () => {
    const path = stackDir('good', { ...provider, resource: { aws_sqs_queue: { a: { name: 'a' }, b: { name: 'b' } } } });
    const result = await planStack('good', path, env);
    expect(result).toMatchObject({ stack: 'good', ok: true, add: 2, change: 0, destroy: 0 });
  });

  describe('terraform init only when the folder needs it', () => {
    const queues = (...names: string[]) => ({ aws_sqs_queue: Object.fromEntries(names.map((name) => [name, { name }])) });
    const withBackend = (path: string) => ({ ...provider, terraform: { ...provider.terraform, backend: { local: { path } } } });
    const planned = (result: StackPlanResult) => {
      if (!result.ok) throw new Error(`${result.stack} failed at ${result.failedStep}: ${result.error}`);
      return result;
    };
    const backendSettings = (path: string) => join(path, DATA_DIR, 'terraform.tfstate');
    let count = 0;
    /** A stack folder planned once (init included), as a first `npm start` leaves it. */
    async function initialised(config: object = { ...withBackend('terraform.tfstate'), resource: queues('a') }): Promise<string> {
      const path = stackDir(`reuse-${++count}`, config);
      const first = planned(await planStack('reuse', path, env));
      expect(first.steps?.init).toEqual(expect.any(Number));
      expect(first.initReason).toBe('not initialised');
      return path;
    }

    it('runs no init on a second plan of an unchanged folder, nor in a re-synthesized one that has its .terraform and lock file', async () => {
      const path = await initialised();
      const settingsWritten = statSync(backendSettings(path)).mtimeMs;

      const second = planned(await planStack('reuse', path, env));

      expect(second.steps).toEqual({ plan: expect.any(Number), show: expect.any(Number) });
      expect(second.initReason).toBeUndefined();
      expect(statSync(backendSettings(path)).mtimeMs).toBe(settingsWritten);
      expect(second).toMatchObject({ add: 1 });

      // What synthesis does: a new folder with the new cdk.tf.json (one more queue: a plan change, not an init change), the old .terraform moved in.
      const resynthesized = stackDir(`reuse-${++count}`, { ...withBackend('terraform.tfstate'), resource: queues('a', 'b') });
      for (const name of [DATA_DIR, LOCK_FILE]) renameSync(join(path, name), join(resynthesized, name));
      const third = planned(await planStack('reuse', resynthesized, env));
      expect(third.steps?.init).toBeUndefined();
      expect(third).toMatchObject({ add: 2 });
    });

    it('inits again, and plans, when the backend block or the provider requirement changes', async () => {
      const path = await initialised();
      writeFileSync(join(path, 'cdk.tf.json'), JSON.stringify({ ...withBackend('elsewhere.tfstate'), resource: queues('a') }));
      // A plain init would stop at "Backend configuration changed"; the stale .terraform is removed first.
      const backendChanged = planned(await planStack('reuse', path, env));
      expect(backendChanged.steps?.init).toEqual(expect.any(Number));
      expect(backendChanged.initReason).toBe('backend, provider or module requirements changed');
      expect(JSON.parse(readFileSync(backendSettings(path), 'utf8')).backend.config.path).toBe('elsewhere.tfstate');

      const relaxed = {
        ...provider,
        terraform: { required_providers: { aws: { source: 'aws', version: '>= 5.0, < 6.0' } }, backend: { local: { path: 'elsewhere.tfstate' } } },
      };
      writeFileSync(join(path, 'cdk.tf.json'), JSON.stringify({ ...relaxed, resource: queues('a') }));
      const providerChanged = planned(await planStack('reuse', path, env));
      expect(providerChanged.initReason).toBe('backend, provider or module requirements changed');
      // Terraform's lock file now records the new constraint (it writes it normalised).
      expect(readFileSync(join(path, LOCK_FILE), 'utf8')).toContain('constraints = ">= 5.0.0, < 6.0.0"');
    });

    it('inits again, and plans, when the lock file is edited or removed', async () => {
      const path = await initialised();
      appendFileSync(join(path, LOCK_FILE), '# reviewed by hand\n');
      expect(planned(await planStack('reuse', path, env)).initReason).toBe('.terraform.lock.hcl changed');
      rmSync(join(path, LOCK_FILE));
      expect(planned(await planStack('reuse', path, env)).initReason).toBe('.terraform.lock.hcl is missing');
      expect(existsSync(join(path, LOCK_FILE))).toBe(true);
      expect(planned(await planStack('reuse', path, env)).steps?.init).toBeUndefined();
    });

    it.each<[string, (path: string) => void, string]>([
      [
        'the providers folder is gone',
        (path) => rmSync(join(path, DATA_DIR, 'providers'), { recursive: true }),
        '.terraform changed since the last init (partial or damaged)',
      ],
      [
        'the backend settings are damaged',
        (path) => writeFileSync(backendSettings(path), '{"version": 3, "backend": '),
        '.terraform changed since the last init (partial or damaged)',
      ],
      [
        'an init was interrupted (no record of its end)',
        (path) => rmSync(join(path, DATA_DIR, INIT_STAMP_FILE)),
        '.terraform has no record of a completed init',
      ],
    ])('inits again, and plans, when %s', async (_, damage, reason) => {
      const path = await initialised();
      damage(path);
      const result = planned(await planStack('reuse', path, env));
      expect(result.initReason).toBe(reason);
      expect(result).toMatchObject({ add: 1 });
    });

    it('inits again and plans once more when a plan fails with a .terraform its record calls fine', async () => {
      const path = await initialised();
      // Damage the record does not see: it is taken after the damage.
      rmSync(join(path, DATA_DIR, 'providers'), { recursive: true });
      recordInitialised(path, env, { lockFromInit: true });

      const result = planned(await planStack('reuse', path, env));

      expect(result.initReason).toBe('plan failed with the existing .terraform: initialised again');
      expect(result).toMatchObject({ add: 1, steps: { init: expect.any(Number), plan: expect.any(Number), show: expect.any(Number) } });
    });

    it('runs init every time with reuseInit: false, from a clean .terraform', async () => {
      const path = await initialised();
      const result = planned(await planStack('reuse', path, env, { reuseInit: false }));
      expect(result).toMatchObject({ initReason: 'init reuse is off', steps: { init: expect.any(Number) } });
    });

    it('lets an apply init a folder whose carried-over .terraform has another backend', async () => {
      // No resources: the apply calls no AWS API, and only init can fail.
      const path = await initialised({ ...withBackend('first.tfstate') });
      writeFileSync(join(path, 'cdk.tf.json'), JSON.stringify(withBackend('second.tfstate')));

      const result = await applyStack('reuse', path, env, { timeoutMs: 120_000 });

      expect(result).toMatchObject({ ok: true, added: 0 });
      expect(JSON.parse(readFileSync(backendSettings(path), 'utf8')).backend.config.path).toBe('second.tfstate');
    });
  });
});

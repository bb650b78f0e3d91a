/**
 * The offline plan cache with real plans: a hit runs no terraform and restores the same plan; a
 * change of any key part misses; a damaged entry is detected, removed and planned again.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findProviderMirror,
  PLAN_FILE,
  PLAN_JSON_FILE,
  PlanCache,
  planStack,
  providerBuild,
  terraformEnvironment,
  terraformVersion,
  writeCliConfig,
  type PlanCacheIdentity,
} from './index';
import { describeWithTerraform } from './testing';

describeWithTerraform('the offline plan cache, with the real terraform', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-cache-'));
  const mirror = findProviderMirror();
  const env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(dir, 'cli'), mirror) });
  const identity: PlanCacheIdentity = { terraformVersion: terraformVersion() ?? 'none', providerBuild: providerBuild(mirror) };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
  let count = 0;
  /** A fresh stack folder, as the synth leaves it: cdk.tf.json and an asset. */
  function stack(queues: string[], asset = 'code v1'): string {
    const path = join(dir, `stack-${++count}`);
    mkdirSync(join(path, 'assets', 'Code'), { recursive: true });
    writeFileSync(join(path, 'assets', 'Code', 'archive.txt'), asset);
    writeFileSync(
      join(path, 'cdk.tf.json'),
      JSON.stringify({ ...provider, resource: { aws_sqs_queue: Object.fromEntries(queues.map((name) => [name, { name }])) } }),
    );
    return path;
  }
  const plan = (path: string, store: PlanCache, options: { validate?: boolean; identity?: PlanCacheIdentity; refresh?: boolean } = {}) =>
    planStack('test', path, env, {
      validate: options.validate ?? false,
      refresh: options.refresh ?? false,
      cache: { store, identity: options.identity ?? identity },
    });

  it('reuses a plan whose key matches: no terraform runs (no .terraform folder), and the same plan.json and plan.tfplan', async () => {
    const store = new PlanCache(join(dir, 'cache-hit'));
    const first = await plan(stack(['a', 'b']), store);
    expect(first).toMatchObject({ ok: true, add: 2 });
    expect(first.ok && first.cached).toBeFalsy();
    const second = stack(['a', 'b']);
    const hit = await plan(second, store);
    expect(hit).toMatchObject({ ok: true, add: 2, cached: true });
    expect(existsSync(join(second, '.terraform'))).toBe(false);
    expect(readFileSync(join(second, PLAN_JSON_FILE), 'utf8')).toBe(readFileSync(join(dir, `stack-${count - 1}`, PLAN_JSON_FILE), 'utf8'));
    expect(readFileSync(join(second, PLAN_FILE))).toEqual(readFileSync(join(dir, `stack-${count - 1}`, PLAN_FILE)));
  });

  it('misses when any part of the key changes: configuration, assets, Terraform version, provider build, validation', async () => {
    const store = new PlanCache(join(dir, 'cache-miss'));
    await plan(stack(['a']), store);
    const cached = async (path: string, options: Parameters<typeof plan>[2] = {}) => {
      const result = await plan(path, store, options);
      expect(result.ok).toBe(true);
      return result.ok && result.cached === true;
    };
    expect(await cached(stack(['a']))).toBe(true);
    expect(await cached(stack(['a', 'b']))).toBe(false);
    expect(await cached(stack(['a'], 'code v2'))).toBe(false);
    expect(await cached(stack(['a']), { identity: { ...identity, terraformVersion: '1.99.0' } })).toBe(false);
    expect(await cached(stack(['a']), { identity: { ...identity, providerBuild: 'another build' } })).toBe(false);
    expect(await cached(stack(['a']), { validate: true })).toBe(false);
    // A plan against live state is never served from the cache, nor kept in it.
    const entries = readdirSync(store.dir).length;
    expect(await cached(stack(['a']), { refresh: true })).toBe(false);
    expect(readdirSync(store.dir)).toHaveLength(entries);
  });

  it('detects a damaged entry, removes it, plans again and says so', async () => {
    const store = new PlanCache(join(dir, 'cache-corrupt'));
    await plan(stack(['c']), store);
    const [entry] = readdirSync(store.dir).filter((name) => !name.startsWith('.'));
    writeFileSync(join(store.dir, entry, PLAN_JSON_FILE), '{"format_version":"1.2","resource_changes":[]}');
    const result = await plan(stack(['c']), store);
    expect(result).toMatchObject({ ok: true, add: 1, cacheNote: expect.stringContaining('plan.json does not match its recorded SHA-256') });
    expect(result.ok && result.cached).toBeFalsy();
    // Replanned and stored afresh: the next run hits.
    expect(await plan(stack(['c']), store)).toMatchObject({ ok: true, cached: true });
  });
});

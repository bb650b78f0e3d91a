import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLAN_FILE, PLAN_JSON_FILE, PlanCache, planCacheKey, planCacheKeyParts } from './index';

describe('PlanCache bookkeeping', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-cache-unit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const identity = { terraformVersion: '1.11.4', providerBuild: 'mirror build' };

  function stackWithPlan(name: string, body: string): string {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, 'cdk.tf.json'), body);
    writeFileSync(join(path, PLAN_FILE), `binary plan of ${body}`);
    writeFileSync(join(path, PLAN_JSON_FILE), JSON.stringify({ format_version: '1.2', resource_changes: [] }));
    return path;
  }

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const store = new PlanCache(join(dir, 'bounded'), 2);
    const keys = ['{"a":1}', '{"a":2}', '{"a":3}'].map((body, index) => {
      const path = stackWithPlan(`s${index}`, body);
      const parts = planCacheKeyParts(path, identity, false);
      const key = planCacheKey(parts);
      store.store(key, parts, `s${index}`, path);
      // Distinct use times, oldest first.
      const when = new Date(Date.now() - (10 - index) * 1000);
      utimesSync(join(store.dir, key), when, when);
      return key;
    });
    // The store of a fourth entry prunes to two: the two most recently used.
    const path = stackWithPlan('s3', '{"a":4}');
    const parts = planCacheKeyParts(path, identity, false);
    store.store(planCacheKey(parts), parts, 's3', path);
    expect(readdirSync(store.dir).sort()).toEqual([keys[2], planCacheKey(parts)].sort());
  });

  it('keys on the configuration bytes and the asset bytes and paths', () => {
    const a = stackWithPlan('k1', '{"x":1}');
    const b = stackWithPlan('k2', '{"x":1}');
    expect(planCacheKey(planCacheKeyParts(a, identity, false))).toBe(planCacheKey(planCacheKeyParts(b, identity, false)));
    mkdirSync(join(b, 'assets', 'Fn'), { recursive: true });
    writeFileSync(join(b, 'assets', 'Fn', 'code.zip'), 'zip');
    expect(planCacheKey(planCacheKeyParts(b, identity, false))).not.toBe(planCacheKey(planCacheKeyParts(a, identity, false)));
  });

  it('treats a missing entry as a miss and clear() empties the cache', () => {
    const store = new PlanCache(join(dir, 'cleared'));
    expect(store.restore('0'.repeat(64), dir)).toEqual({ kind: 'miss' });
    const path = stackWithPlan('c1', '{"c":1}');
    const parts = planCacheKeyParts(path, identity, false);
    store.store(planCacheKey(parts), parts, 'c1', path);
    store.clear();
    expect(store.restore(planCacheKey(parts), path)).toEqual({ kind: 'miss' });
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countChanges, findProviderMirror, mapWithConcurrency, parsePlanJson, writeCliConfig, type PlanAction } from './index';

function change(actions: PlanAction[], mode: 'managed' | 'data' = 'managed') {
  return { address: 'x', type: 'aws_s3_bucket', mode, change: { actions } };
}

describe('countChanges', () => {
  it('counts like Terraform: a replace is one add and one destroy, no-ops and reads are not counted', () => {
    const plan = {
      format_version: '1.2',
      resource_changes: [
        change(['create']),
        change(['update']),
        change(['delete']),
        change(['delete', 'create']),
        change(['create', 'delete']),
        change(['no-op']),
        change(['read'], 'data'),
      ],
    };
    expect(countChanges(plan)).toEqual({ add: 3, change: 1, destroy: 3 });
  });
});

describe('parsePlanJson', () => {
  it('refuses text that is not a format 1.x plan, naming the source', () => {
    expect(() => parsePlanJson('{', 'a.json')).toThrow(/^a\.json is not JSON/);
    expect(() => parsePlanJson('{"format_version":"0.2"}', 'b.json')).toThrow('b.json is not a Terraform JSON plan of format 1.x (format_version: "0.2")');
  });
});

describe('mapWithConcurrency', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([30, 10, 20, 5, 15], 2, async (delay, index) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running--;
      return index;
    });
    expect(results).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('refuses a limit below one', async () => {
    await expect(mapWithConcurrency([1], 0, async (item) => item)).rejects.toThrow('concurrency must be a whole number >= 1, got 0');
  });
});

describe('provider mirror and CLI config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mirror-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses TF_PROVIDER_MIRROR when it holds the AWS provider', () => {
    const root = join(dir, 'mirror');
    mkdirSync(join(root, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0'), { recursive: true });
    expect(findProviderMirror({ TF_PROVIDER_MIRROR: root })).toBe(root);
  });

  it('refuses a TF_PROVIDER_MIRROR without the provider instead of silently using the registry', () => {
    expect(() => findProviderMirror({ TF_PROVIDER_MIRROR: dir })).toThrow(
      `TF_PROVIDER_MIRROR=${dir} does not contain registry.terraform.io/hashicorp/aws/5.100.0`,
    );
  });

  it('writes a CLI config that takes the AWS provider only from the mirror', () => {
    const text = readFileSync(writeCliConfig(join(dir, 'cli'), '/opt/mirror'), 'utf8');
    expect(text).toContain('filesystem_mirror {\n    path    = "/opt/mirror"');
    expect(text).toContain('direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]');
  });

  it('falls back to the registry without a mirror', () => {
    expect(readFileSync(writeCliConfig(join(dir, 'cli2'), undefined), 'utf8')).toBe('provider_installation {\n  direct {}\n}\n');
  });
});

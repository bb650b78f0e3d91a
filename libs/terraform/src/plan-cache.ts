/**
 * The offline plan cache. An offline plan (from empty state, no refresh) is a pure function of the
 * synthesized configuration, its assets, the Terraform version and the provider build, so a
 * stack whose key matches an entry reuses that entry's `plan.tfplan` and `plan.json` instead of
 * running init, plan and show again. Plans against real or emulated state are never cached.
 *
 * Entries live in one folder each (`<key>/plan.tfplan`, `plan.json`, `entry.json` with their
 * SHA-256), the least recently used beyond `maxEntries` are removed. An entry whose files do not
 * match their recorded hashes, or whose plan.json does not parse, is corrupt: it is removed and
 * the stack is planned again, never trusted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { AWS_PROVIDER_VERSION } from './mirror';
import { parsePlanJson, type PlanJson } from './plan-json';
import { PLAN_FILE, PLAN_JSON_FILE } from './plan-stack';

/** Bumped when what an entry holds, or how the key is made, changes: older entries then miss. */
const CACHE_FORMAT = 1;
const ENTRY_FILE = 'entry.json';
export const DEFAULT_MAX_ENTRIES = 64;

export interface PlanCacheIdentity {
  /** `terraform version`, e.g. 1.11.4. */
  readonly terraformVersion: string;
  /** What identifies the provider binary Terraform will run (see `providerBuild`). */
  readonly providerBuild: string;
}

/** What a key is made of, for a reader who wants to know why a stack missed. */
export interface PlanCacheKeyParts extends PlanCacheIdentity {
  readonly format: number;
  /** SHA-256 of cdk.tf.json. */
  readonly configuration: string;
  /** SHA-256 over every file under the stack's assets/ folder, path and content. */
  readonly assets: string;
  /** Whether `terraform validate` ran too: a validated run never reuses an unvalidated plan. */
  readonly validated: boolean;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export function planCacheKeyParts(stackDir: string, identity: PlanCacheIdentity, validated: boolean): PlanCacheKeyParts {
  const assets = createHash('sha256');
  for (const file of filesUnder(join(stackDir, 'assets'))) {
    assets.update(relative(stackDir, file).split(sep).join('/')).update('\0').update(readFileSync(file)).update('\0');
  }
  return {
    format: CACHE_FORMAT,
    configuration: sha256(readFileSync(join(stackDir, 'cdk.tf.json'))),
    assets: assets.digest('hex'),
    terraformVersion: identity.terraformVersion,
    providerBuild: identity.providerBuild,
    validated,
  };
}

export function planCacheKey(parts: PlanCacheKeyParts): string {
  return sha256(JSON.stringify(parts));
}

/**
 * The provider build: from a mirror, each file of the AWS provider's folder by name, size and
 * modification time (hashing the 600 MB binary on every run would cost more than it saves);
 * from the registry, its address and pinned version.
 */
export function providerBuild(mirrorRoot: string | undefined): string {
  if (!mirrorRoot) return `registry.terraform.io/hashicorp/aws ${AWS_PROVIDER_VERSION}`;
  const dir = join(mirrorRoot, 'registry.terraform.io', 'hashicorp', 'aws', AWS_PROVIDER_VERSION);
  const files = filesUnder(dir).map((file) => {
    const stats = statSync(file);
    return `${relative(dir, file)} ${stats.size} ${stats.mtimeMs}`;
  });
  return sha256(files.join('\n'));
}

interface EntryRecord {
  readonly key: string;
  readonly parts: PlanCacheKeyParts;
  readonly stack: string;
  readonly createdAt: string;
  readonly sha256: Readonly<Record<string, string>>;
}

export type CacheLookup =
  | { readonly kind: 'hit'; readonly plan: PlanJson }
  | { readonly kind: 'miss' }
  /** The entry was there but damaged: removed, and the stack must be planned again. */
  | { readonly kind: 'corrupt'; readonly reason: string };

export class PlanCache {
  constructor(
    readonly dir: string,
    readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  /** On a hit, writes the entry's plan files into `stackDir` and returns the plan, read and checked once. */
  restore(key: string, stackDir: string): CacheLookup {
    const entryDir = join(this.dir, key);
    if (!existsSync(entryDir)) return { kind: 'miss' };
    const entry = this.read(entryDir, key);
    if ('problem' in entry) {
      rmSync(entryDir, { recursive: true, force: true });
      return { kind: 'corrupt', reason: entry.problem };
    }
    writeFileSync(join(stackDir, PLAN_FILE), entry.planFile);
    writeFileSync(join(stackDir, PLAN_JSON_FILE), entry.planJson);
    // Used now: the last to be pruned.
    const now = new Date();
    utimesSync(entryDir, now, now);
    return { kind: 'hit', plan: entry.plan };
  }

  /** Keeps the stack's fresh plan files under `key`: written aside, then renamed, so a reader never sees half an entry. */
  store(key: string, parts: PlanCacheKeyParts, stack: string, stackDir: string): void {
    mkdirSync(this.dir, { recursive: true });
    const staging = join(this.dir, `.${key}.${process.pid}.tmp`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    const hashes: Record<string, string> = {};
    for (const file of [PLAN_FILE, PLAN_JSON_FILE]) {
      const data = readFileSync(join(stackDir, file));
      writeFileSync(join(staging, file), data);
      hashes[file] = sha256(data);
    }
    const record: EntryRecord = { key, parts, stack, createdAt: new Date().toISOString(), sha256: hashes };
    writeFileSync(join(staging, ENTRY_FILE), `${JSON.stringify(record, null, 2)}\n`);
    const entryDir = join(this.dir, key);
    rmSync(entryDir, { recursive: true, force: true });
    renameSync(staging, entryDir);
    this.prune();
  }

  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The entry's files, checked against their recorded hashes and parsed; or why it cannot be trusted. */
  private read(entryDir: string, key: string): { planFile: Buffer; planJson: Buffer; plan: PlanJson } | { problem: string } {
    let record: EntryRecord;
    try {
      record = JSON.parse(readFileSync(join(entryDir, ENTRY_FILE), 'utf8')) as EntryRecord;
    } catch {
      return { problem: `${ENTRY_FILE} is missing or not JSON` };
    }
    if (record.key !== key) return { problem: `${ENTRY_FILE} is for another key` };
    const files: Record<string, Buffer> = {};
    for (const file of [PLAN_FILE, PLAN_JSON_FILE]) {
      const path = join(entryDir, file);
      if (!existsSync(path)) return { problem: `${file} is missing` };
      files[file] = readFileSync(path);
      if (sha256(files[file]) !== record.sha256?.[file]) return { problem: `${file} does not match its recorded SHA-256` };
    }
    try {
      return { planFile: files[PLAN_FILE], planJson: files[PLAN_JSON_FILE], plan: parsePlanJson(files[PLAN_JSON_FILE].toString('utf8'), 'cached plan.json') };
    } catch (error) {
      return { problem: `plan.json does not parse (${(error as Error).message})` };
    }
  }

  private prune(): void {
    const entries = readdirSync(this.dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => ({ path: join(this.dir, entry.name), used: statSync(join(this.dir, entry.name)).mtimeMs }))
      .sort((a, b) => b.used - a.used);
    for (const stale of entries.slice(this.maxEntries)) rmSync(stale.path, { recursive: true, force: true });
  }
}

/** Where offline plans are kept between runs: INFRA_PLAN_CACHE_DIR, else in node_modules/.cache like other tools' caches. */
export function planCacheDir(workspaceRoot: string, variables: NodeJS.ProcessEnv = process.env): string {
  return resolve(workspaceRoot, variables.INFRA_PLAN_CACHE_DIR?.trim() || join('node_modules', '.cache', 'llm-platform', 'plans'));
}

/**
 * Whether a stack folder is still initialised for what `terraform init` would install now, so
 * that init runs only when it is not.
 *
 * Terraform records an init in the folder itself: `.terraform/terraform.tfstate` holds the
 * backend type, its settings and their hash (a changed backend block fails every command until
 * `init -reconfigure`), `.terraform/providers/...` links to (or holds) each provider package, and
 * `.terraform.lock.hcl` pins the versions and package hashes. After a successful init this module
 * writes a stamp next to them, `.terraform/llm-platform-init.json`, with
 *   - what the init depended on: the Terraform version; the configuration's `terraform` blocks
 *     (backend, required_providers, required_version), module sources and the providers its
 *     resources imply; the CLI configuration file (the provider mirror) and the TF_* variables
 *     that change init;
 *   - what it left: the lock file's SHA-256, and every entry under `.terraform` (symlinks
 *     followed, so a provider linked from a mirror is seen by the mirror's file sizes and times).
 * The folder is initialised when all of it is unchanged. Anything else (no stamp, a changed
 * input, an edited or missing lock file, a file under `.terraform` gone, added or rewritten)
 * means init again, from a clean `.terraform`.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { terraformVersion } from './terraform';

export const DATA_DIR = '.terraform';
export const LOCK_FILE = '.terraform.lock.hcl';
export const INIT_STAMP_FILE = 'llm-platform-init.json';
/** Bumped when what a stamp records changes: older stamps then make init run once more. */
const STAMP_FORMAT = 1;
/** Small files under .terraform (backend settings, modules.json) are hashed; larger ones (provider binaries) go by size and time. */
const HASHED_FILE_BYTES = 64 * 1024;
/** Variables that change what init installs or how; TF_CLI_ARGS* may carry -plugin-dir. */
const INIT_VARIABLES = /^TF_(CLI_ARGS(_init)?|PLUGIN_CACHE_DIR|PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE|WORKSPACE|REGISTRY_.*)$/;

export type InitCheck = { readonly ready: true } | { readonly ready: false; readonly reason: string };

/** What an init depended on: any change means init again. */
interface InitInputs {
  readonly terraformVersion: string;
  readonly configuration: string;
  readonly cliConfiguration: string;
  readonly variables: Readonly<Record<string, string>>;
}

interface InitStamp {
  readonly format: number;
  readonly inputs: InitInputs;
  /** SHA-256 of .terraform.lock.hcl after the init, or null when it wrote none. */
  readonly lock: string | null;
  /** There was no lock file before the first init: it is the inits' own, and removed with their .terraform. */
  readonly lockFromInit: boolean;
  /** One line per entry under .terraform (the stamp aside). */
  readonly entries: readonly string[];
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

const versions = new Map<string, string>();
/** `terraform version`, once per PATH: a process runs one Terraform for all its stacks. */
function currentTerraformVersion(env: NodeJS.ProcessEnv): string {
  const key = env.PATH ?? '';
  let version = versions.get(key);
  if (version === undefined) {
    version = terraformVersion() ?? 'unknown';
    versions.set(key, version);
  }
  return version;
}

/**
 * The parts of the folder's configuration files that init reads: the `terraform` blocks, module
 * sources and versions, and the local names of the providers the configuration uses (a resource
 * `aws_s3_bucket` needs provider `aws` even where no required_providers names it). Resources,
 * variables and outputs change plans, not inits. HCL files (*.tf) are taken whole.
 */
export function initConfiguration(stackDir: string): string {
  const files = readdirSync(stackDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tf(\.json)?$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const parts = files.map((name) => {
    const text = readFileSync(join(stackDir, name), 'utf8');
    if (!name.endsWith('.json')) return [name, sha256(text)];
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // Terraform reports the broken file itself; any edit of it is a change.
      return [name, sha256(text)];
    }
    return [name, { terraform: parsed.terraform ?? null, modules: moduleSources(parsed.module), providers: providerNames(parsed) }];
  });
  return sha256(JSON.stringify(parts));
}

function moduleSources(modules: unknown): Record<string, unknown> {
  if (!isObject(modules)) return {};
  return Object.fromEntries(
    Object.entries(modules).map(([name, call]) => [name, isObject(call) ? { source: call.source ?? null, version: call.version ?? null } : null]),
  );
}

function providerNames(config: Record<string, unknown>): string[] {
  const names = new Set<string>(isObject(config.provider) ? Object.keys(config.provider) : []);
  for (const block of [config.resource, config.data]) {
    if (!isObject(block)) continue;
    for (const [type, instances] of Object.entries(block)) {
      names.add(type.split('_')[0]);
      if (!isObject(instances)) continue;
      for (const instance of Object.values(instances)) {
        if (isObject(instance) && typeof instance.provider === 'string') names.add(instance.provider.split('.')[0]);
      }
    }
  }
  return [...names].sort();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function initInputs(stackDir: string, env: NodeJS.ProcessEnv): InitInputs {
  const cliFile = env.TF_CLI_CONFIG_FILE;
  const cliConfiguration = cliFile ? `${cliFile}\n${existsSync(cliFile) ? sha256(readFileSync(cliFile)) : 'missing'}` : 'default';
  const variables = Object.fromEntries(
    Object.entries(env)
      .filter(([name, value]) => INIT_VARIABLES.test(name) && value !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  ) as Record<string, string>;
  return { terraformVersion: currentTerraformVersion(env), configuration: initConfiguration(stackDir), cliConfiguration, variables };
}

function lockHash(stackDir: string): string | null {
  const path = join(stackDir, LOCK_FILE);
  return existsSync(path) ? sha256(readFileSync(path)) : null;
}

/** Every entry under .terraform, symlinks followed (a dangling one says so), the stamp left out. */
function dataDirEntries(stackDir: string): string[] {
  const lines: string[] = [];
  const walk = (dir: string, relative: string, depth: number) => {
    for (const name of readdirSync(dir).sort()) {
      if (depth === 0 && name === INIT_STAMP_FILE) continue;
      const path = join(dir, name);
      const rel = relative ? `${relative}/${name}` : name;
      const link = lstatSync(path).isSymbolicLink() ? ` -> ${readlinkSync(path)}` : '';
      let stats;
      try {
        stats = statSync(path);
      } catch {
        lines.push(`${rel}${link} missing`);
        continue;
      }
      if (stats.isDirectory()) {
        lines.push(`${rel}/${link}`);
        if (depth < 12) walk(path, rel, depth + 1);
      } else {
        const content = stats.size <= HASHED_FILE_BYTES ? ` ${sha256(readFileSync(path))}` : '';
        lines.push(`${rel}${link} ${stats.size} ${stats.mtimeMs}${content}`);
      }
    }
  };
  walk(join(stackDir, DATA_DIR), '', 0);
  return lines;
}

function readStamp(stackDir: string): InitStamp | undefined {
  try {
    const stamp = JSON.parse(readFileSync(join(stackDir, DATA_DIR, INIT_STAMP_FILE), 'utf8')) as InitStamp;
    return stamp.format === STAMP_FORMAT && Array.isArray(stamp.entries) && isObject(stamp.inputs) ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `terraform init` can be skipped in `stackDir` for Terraform run with `env`; if not, why. */
export function checkInitialised(stackDir: string, env: NodeJS.ProcessEnv): InitCheck {
  // Elsewhere than .terraform, possibly shared between folders: not tracked.
  if (env.TF_DATA_DIR) return { ready: false, reason: 'TF_DATA_DIR is set' };
  if (!existsSync(join(stackDir, DATA_DIR))) return { ready: false, reason: 'not initialised' };
  const stamp = readStamp(stackDir);
  if (!stamp) return { ready: false, reason: `${DATA_DIR} has no record of a completed init` };
  const inputs = initInputs(stackDir, env);
  if (inputs.terraformVersion !== stamp.inputs.terraformVersion) {
    return { ready: false, reason: `Terraform ${inputs.terraformVersion} differs from ${stamp.inputs.terraformVersion} of the last init` };
  }
  if (inputs.configuration !== stamp.inputs.configuration) return { ready: false, reason: 'backend, provider or module requirements changed' };
  if (inputs.cliConfiguration !== stamp.inputs.cliConfiguration) return { ready: false, reason: 'the Terraform CLI configuration (provider mirror) changed' };
  if (JSON.stringify(inputs.variables) !== JSON.stringify(stamp.inputs.variables)) return { ready: false, reason: 'TF_* variables that change init changed' };
  const lock = lockHash(stackDir);
  if (lock !== stamp.lock) return { ready: false, reason: lock === null ? `${LOCK_FILE} is missing` : `${LOCK_FILE} changed` };
  const entries = dataDirEntries(stackDir);
  if (JSON.stringify(entries) !== JSON.stringify(stamp.entries))
    return { ready: false, reason: `${DATA_DIR} changed since the last init (partial or damaged)` };
  return { ready: true };
}

/** What `prepareInit` found, for `recordInitialised`. */
export interface InitPreparation {
  /** The lock file the init will see is the last init's own, or there is none: the next one is the init's own too. */
  readonly lockFromInit: boolean;
}

/**
 * Before `terraform init`. With `clean` (what `checkInitialised` asks for when the folder is not
 * ready) it removes `.terraform` (a changed backend would otherwise stop a plain init, and a
 * damaged one is not worth mending), and the lock file when it is exactly what the last init
 * wrote into a folder that had none: the folder is then as synthesis left it. A lock file that was
 * there before, or was edited since, is kept: an input, as Terraform treats it.
 */
export function prepareInit(stackDir: string, clean: boolean): InitPreparation {
  const stamp = readStamp(stackDir);
  const lock = lockHash(stackDir);
  const ours = lock === null || (stamp?.lockFromInit === true && lock === stamp.lock);
  if (clean) {
    rmSync(join(stackDir, DATA_DIR), { recursive: true, force: true });
    if (lock !== null && ours) rmSync(join(stackDir, LOCK_FILE), { force: true });
  }
  return { lockFromInit: ours };
}

/** After a successful init: records what it was for and what it left (written aside, then renamed). */
export function recordInitialised(stackDir: string, env: NodeJS.ProcessEnv, preparation: InitPreparation): void {
  const dataDir = join(stackDir, DATA_DIR);
  // Terraform writes no .terraform for a configuration that needs nothing; the stamp needs one.
  mkdirSync(dataDir, { recursive: true });
  const stamp: InitStamp = {
    format: STAMP_FORMAT,
    inputs: initInputs(stackDir, env),
    lock: lockHash(stackDir),
    lockFromInit: preparation.lockFromInit,
    entries: dataDirEntries(stackDir),
  };
  const path = join(dataDir, INIT_STAMP_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(stamp, null, 2)}\n`);
  renameSync(temporary, path);
}

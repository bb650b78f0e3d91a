/** Runs the workspace's own nx binary, and reads which Nx projects and targets exist. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** No daemon and no cloud: every call sees the files as they are now, the same on a laptop and in CI. */
export function nxEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
}

export function nxBinary(workspaceRoot: string): string {
  return join(workspaceRoot, 'node_modules', '.bin', 'nx');
}

/**
 * `nx show projects --affected`: the projects a change between `base` and `head` touches. Without
 * `head`, Nx compares `base` with the working tree, uncommitted and untracked files included.
 */
export function affectedProjects(workspaceRoot: string, base: string, head?: string): string[] {
  const args = ['show', 'projects', '--affected', `--base=${base}`, ...(head ? [`--head=${head}`] : []), '--json'];
  const output = execFileSync(nxBinary(workspaceRoot), args, { cwd: workspaceRoot, encoding: 'utf8', env: nxEnvironment() });
  const parsed = JSON.parse(output) as unknown;
  if (!Array.isArray(parsed) || parsed.some((name) => typeof name !== 'string')) {
    throw new Error(`nx ${args.join(' ')} printed no JSON list of project names: ${output.slice(0, 200)}`);
  }
  return parsed as string[];
}

export interface NxProjectTargets {
  readonly name: string;
  /** Folder relative to the workspace root, forward slashes. */
  readonly root: string;
  readonly targets: readonly string[];
}

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'cdktf.out', '.git', '.nx', 'tmp', 'coverage']);

/**
 * Every project.json of the workspace with the targets it declares, plus the one target an nx.json
 * plugin infers for every project (`@nx/eslint/plugin`'s lint). Reading the files costs
 * milliseconds where a project graph costs seconds.
 */
export function readProjectTargets(workspaceRoot: string): NxProjectTargets[] {
  const inferred = inferredTargets(workspaceRoot);
  const projects: NxProjectTargets[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (SKIPPED_FOLDERS.has(entry)) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry === 'project.json') {
        const json = JSON.parse(readFileSync(path, 'utf8')) as { name?: string; targets?: Record<string, unknown> };
        const root = relative(workspaceRoot, dir).split(sep).join('/');
        projects.push({ name: json.name ?? root, root, targets: [...new Set([...Object.keys(json.targets ?? {}), ...inferred])] });
      }
    }
  };
  walk(workspaceRoot);
  return projects.sort((a, b) => a.name.localeCompare(b.name));
}

type NxPlugin = string | { plugin: string; options?: { targetName?: string } };

/** Targets nx.json's inference plugins add to every project: today only the ESLint plugin's. */
function inferredTargets(workspaceRoot: string): string[] {
  const path = join(workspaceRoot, 'nx.json');
  if (!existsSync(path)) return [];
  const plugins = (JSON.parse(readFileSync(path, 'utf8')) as { plugins?: NxPlugin[] }).plugins ?? [];
  return plugins.flatMap((entry) => {
    const plugin = typeof entry === 'string' ? { plugin: entry } : entry;
    return plugin.plugin === '@nx/eslint/plugin' ? [plugin.options?.targetName ?? 'lint'] : [];
  });
}

/** The targets, among `wanted`, that at least one project declares, in the order asked. */
export function existingTargets(projects: readonly NxProjectTargets[], wanted: readonly string[]): string[] {
  return wanted.filter((target) => projects.some((project) => project.targets.includes(target)));
}

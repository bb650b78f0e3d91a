/**
 * What ESLint cannot check about module boundaries: that every project carries a `type:` tag the
 * rules know. `@nx/enforce-module-boundaries` (eslint.config.mjs) applies no constraint at all to
 * an untagged project, so one without a tag would import anything. The import rules themselves
 * (tags, relative imports leaving a project, the provider root index, AGPL packages only in
 * specs) are ESLint's, proven by tools/lint-rules.int.spec.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export interface ProjectInfo {
  readonly name: string;
  /** Folder relative to the workspace root, forward slashes. */
  readonly root: string;
  /** The value of the project's `type:` tag, or `untagged`. */
  readonly type: string;
}

/** The project types eslint.config.mjs has constraints for. */
export const PROJECT_TYPES = ['util', 'construct', 'stack', 'app', 'environment', 'tool'] as const;

/** Every project.json of the workspace with its type tag. */
export function loadProjects(workspaceRoot: string): ProjectInfo[] {
  const projects: ProjectInfo[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (['node_modules', 'dist', 'cdktf.out', '.git', '.nx', 'tmp'].includes(entry)) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry === 'project.json') {
        const json = JSON.parse(readFileSync(path, 'utf8')) as { name: string; tags?: string[] };
        const type = (json.tags ?? []).find((tag) => tag.startsWith('type:'))?.slice(5) ?? 'untagged';
        projects.push({ name: json.name, root: dirname(relative(workspaceRoot, path).split(sep).join('/')), type });
      }
    }
  };
  walk(workspaceRoot);
  return projects;
}

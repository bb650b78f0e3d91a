/**
 * The module-boundary rules of the workspace, checked without eslint: which project types may
 * import which (by their Nx tags), no relative import leaving a project, no import of the
 * `@cdktf/provider-aws` root index (3 s to load; deep imports take 0.1 s), and AGPL packages
 * only in test files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface ProjectInfo {
  readonly name: string;
  /** Folder relative to the workspace root, forward slashes. */
  readonly root: string;
  readonly type: string;
}

export interface SourceFile {
  /** Path relative to the workspace root, forward slashes. */
  readonly path: string;
  readonly text: string;
}

/** For each project type, the types of project it may import. */
export const ALLOWED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  util: ['util'],
  construct: ['util', 'construct'],
  stack: ['util', 'construct', 'stack'],
  app: ['util', 'construct', 'stack', 'app'],
  environment: ['util', 'environment'],
  tool: ['util', 'construct', 'stack', 'app', 'environment', 'tool'],
};

/** AGPL-licensed packages: devDependencies for tests, never imported by code that ships. */
export const AGPL_PACKAGES = ['@cloud-copilot/iam-simulate', '@cloud-copilot/iam-policy', '@cloud-copilot/iam-utils', '@cloud-copilot/iam-expand'];

const IMPORT_PATTERN = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

export function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT_PATTERN)].map((match) => match[1]);
}

export function findViolations(
  files: readonly SourceFile[],
  projects: readonly ProjectInfo[],
  aliases: Readonly<Record<string, string>>,
): string[] {
  const owner = (path: string) =>
    [...projects].sort((a, b) => b.root.length - a.root.length).find((project) => path === project.root || path.startsWith(`${project.root}/`));
  const violations: string[] = [];
  for (const file of files) {
    const from = owner(file.path);
    for (const specifier of importsOf(file.text)) {
      if (AGPL_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`)) && !/\.spec\.ts$/.test(file.path)) {
        violations.push(`${file.path}: imports ${specifier}, which is AGPL-licensed: only *.spec.ts files may use it (never shipped code)`);
        continue;
      }
      if (specifier === '@cdktf/provider-aws') {
        violations.push(`${file.path}: imports the @cdktf/provider-aws root index; import @cdktf/provider-aws/lib/<resource> instead`);
        continue;
      }
      if (!from) continue;
      let target: ProjectInfo | undefined;
      if (specifier.startsWith('.')) {
        const resolved = join(dirname(file.path), specifier).split(sep).join('/');
        target = owner(resolved);
        if (target !== from) {
          violations.push(`${file.path}: relative import "${specifier}" leaves project ${from.name}; import through a tsconfig alias`);
          continue;
        }
      } else if (aliases[specifier]) {
        target = owner(aliases[specifier]);
      }
      if (!target || target === from) continue;
      if (!(ALLOWED_IMPORTS[from.type] ?? []).includes(target.type)) {
        violations.push(`${file.path}: ${from.name} (type:${from.type}) may not import ${target.name} (type:${target.type})`);
      }
    }
  }
  return violations;
}

/** Reads the real workspace: project.json files, tsconfig aliases and every TypeScript source. */
export function loadWorkspace(workspaceRoot: string): { files: SourceFile[]; projects: ProjectInfo[]; aliases: Record<string, string> } {
  const files: SourceFile[] = [];
  const projects: ProjectInfo[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (['node_modules', 'dist', 'cdktf.out', '.git', '.nx', 'tmp'].includes(entry)) continue;
      const path = join(dir, entry);
      const rel = relative(workspaceRoot, path).split(sep).join('/');
      if (statSync(path).isDirectory()) walk(path);
      else if (entry === 'project.json') {
        const json = JSON.parse(readFileSync(path, 'utf8')) as { name: string; tags?: string[] };
        const type = (json.tags ?? []).find((tag) => tag.startsWith('type:'))?.slice(5) ?? 'untagged';
        projects.push({ name: json.name, root: dirname(rel), type });
      } else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) {
        files.push({ path: rel, text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(workspaceRoot);
  const tsconfig = JSON.parse(readFileSync(join(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const aliases = Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
      alias,
      relative(workspaceRoot, resolve(workspaceRoot, target)).split(sep).join('/'),
    ]),
  );
  return { files, projects, aliases };
}

/** Read-only git queries the CI tools need: resolve a ref, find the base a change is compared with. */
import { execFileSync } from 'node:child_process';

/** `git <args>` in `cwd`, trimmed stdout; throws with git's message when it fails. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Like {@link git}, but undefined instead of an error (a ref that does not exist, no merge base). */
export function tryGit(cwd: string, ...args: string[]): string | undefined {
  try {
    return git(cwd, ...args);
  } catch {
    return undefined;
  }
}

/** The commit a ref names, or undefined when it names none here (a shallow clone, a typo). */
export function commitOf(cwd: string, ref: string): string | undefined {
  return tryGit(cwd, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
}

export interface ResolvedBase {
  readonly sha: string;
  /** How it was chosen, for the log: `--base origin/main`, `merge-base with origin/main`, `HEAD~1 (...)`. */
  readonly how: string;
}

/** Branches a change is compared with, in order: the remote's main first, then a local main. */
export const MAIN_REFS = ['origin/main', 'main'] as const;

/**
 * The base of `nx affected`: an explicit ref when given; else where HEAD left main (the merge base
 * with origin/main, then main), as a pull request compares; on main itself, or without a main
 * branch, the previous commit.
 */
export function resolveBase(cwd: string, explicit?: string): ResolvedBase {
  if (explicit !== undefined) {
    const sha = commitOf(cwd, explicit);
    if (!sha) throw new Error(`--base ${explicit} names no commit in this repository (a shallow clone needs fetch-depth: 0)`);
    return { sha, how: `--base ${explicit}` };
  }
  const head = commitOf(cwd, 'HEAD');
  if (!head) throw new Error(`${cwd} has no commit yet: commit first, or pass --base`);
  for (const ref of MAIN_REFS) {
    if (!commitOf(cwd, ref)) continue;
    const mergeBase = tryGit(cwd, 'merge-base', 'HEAD', ref);
    if (mergeBase && mergeBase !== head) return { sha: mergeBase, how: `merge-base with ${ref}` };
  }
  const previous = commitOf(cwd, 'HEAD~1');
  if (!previous) throw new Error('HEAD is the only commit and no main branch differs from it: pass --base');
  return { sha: previous, how: 'HEAD~1: HEAD is on main, or there is no main branch' };
}

/**
 * Files under `path` that differ between `base` and `head`; without `head`, the working tree,
 * untracked files included, as `nx affected` sees it.
 */
export function changedFiles(cwd: string, base: string, head: string | undefined, path: string): string[] {
  const diff = git(cwd, 'diff', '--name-only', base, ...(head ? [head] : []), '--', path);
  const untracked = head ? '' : git(cwd, 'ls-files', '--others', '--exclude-standard', '--', path);
  return [...new Set(`${diff}\n${untracked}`.split('\n').filter(Boolean))];
}

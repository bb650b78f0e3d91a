/**
 * A throwaway git repository holding a copy of this workspace (tracked files plus new ones not
 * yet committed, as a clone would see them after a commit), with node_modules linked, for tests
 * that need real git history: Nx affected, the affected-environment selection.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '..', '..');

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
}

/** Creates the copy with one commit, `baseline`, on branch main; returns its folder. */
export function createThrowawayRepo(prefix: string): string {
  const repo = mkdtempSync(join(tmpdir(), prefix));
  const files = git(WORKSPACE_ROOT, 'ls-files', '--cached', '--others', '--exclude-standard', '-z').split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    try {
      copyFileSync(join(WORKSPACE_ROOT, file), join(repo, file));
    } catch {
      // Deleted in the working tree but still in the index: a clone would not have it either.
    }
  }
  symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir');
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'baseline');
  return repo;
}

export function removeThrowawayRepo(repo: string): void {
  rmSync(repo, { recursive: true, force: true });
}

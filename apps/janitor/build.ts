/**
 * `nx run janitor:build`: the janitor Lambda bundled into `dist/apps/janitor/index.js` and the
 * deterministic `janitor.zip` (handler `index.handler`), the asset the regional stack deploys.
 */
import { join, resolve } from 'node:path';
import { bundleFunction, runBuildScript, type BundleResult } from '@llm/bundle';

export const WORKSPACE_ROOT = resolve(__dirname, '..', '..');
export const DEFAULT_OUT_DIR = join(WORKSPACE_ROOT, 'dist', 'apps', 'janitor');
export const ZIP_NAME = 'janitor.zip';
/** EC2 and S3 clients plus Powertools: far below this; growing past it means something heavy slipped in. */
export const ZIP_LIMIT_BYTES = 1024 * 1024;

export function buildJanitor(outDir: string = DEFAULT_OUT_DIR): Promise<BundleResult> {
  return bundleFunction({ workspaceRoot: WORKSPACE_ROOT, entry: 'apps/janitor/src/index.ts', outDir, zipName: ZIP_NAME });
}

if (require.main === module) {
  runBuildScript(() => buildJanitor(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUT_DIR), WORKSPACE_ROOT, ZIP_LIMIT_BYTES);
}

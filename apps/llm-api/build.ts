/**
 * `nx run llm-api:build`: bundles the function with esbuild into `dist/apps/llm-api/index.js`
 * (+ `index.js.map`) and packs both into a deterministic `llm-api.zip`, the Terraform asset: the
 * same sources give the same bytes, so an unchanged function never shows up in a plan.
 */
import { join, resolve } from 'node:path';
import { bundleFunction, formatBundle, runBuildScript, type BundleResult } from '@llm/bundle';

export { deterministicZip } from '@llm/bundle';

export const WORKSPACE_ROOT = resolve(__dirname, '..', '..');
export const DEFAULT_OUT_DIR = join(WORKSPACE_ROOT, 'dist', 'apps', 'llm-api');
export const ZIP_NAME = 'llm-api.zip';
export const ZIP_LIMIT_BYTES = 1024 * 1024;

export type BuildResult = BundleResult;

export function buildLlmApi(outDir: string = DEFAULT_OUT_DIR): Promise<BuildResult> {
  return bundleFunction({ workspaceRoot: WORKSPACE_ROOT, entry: 'apps/llm-api/src/index.ts', outDir, zipName: ZIP_NAME });
}

export function formatBuild(result: BuildResult): string {
  return formatBundle(result, WORKSPACE_ROOT, ZIP_LIMIT_BYTES);
}

if (require.main === module) {
  runBuildScript(() => buildLlmApi(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUT_DIR), WORKSPACE_ROOT, ZIP_LIMIT_BYTES);
}

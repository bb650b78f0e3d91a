/** The end of a `build.ts` run as a script: print the report, exit 1 when the zip misses its size limit or the build fails. */
import type { BundleResult } from './bundle';
import { formatBundle } from './format';

export function runBuildScript(buildIt: () => Promise<BundleResult>, workspaceRoot: string, zipLimitBytes: number): void {
  buildIt().then(
    (result) => {
      console.log(formatBundle(result, workspaceRoot, zipLimitBytes));
      if (result.zipBytes >= zipLimitBytes) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

/** The three lines a build prints: bundle size, zip size against its limit with the hash, and what takes the room. */
import { relative } from 'node:path';
import type { BundleResult } from './bundle';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** `1 MiB` for 1048576, `512 KiB` for 524288: the limit as a person states it. */
export function formatLimit(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes / 1024} KiB`;
}

export function formatBundle(result: BundleResult, workspaceRoot: string, zipLimitBytes: number): string {
  const verdict = result.zipBytes < zipLimitBytes ? 'met' : 'MISSED';
  return [
    `bundle ${relative(workspaceRoot, result.bundlePath)}  ${kib(result.bundleBytes)} (+ index.js.map)`,
    `zip    ${relative(workspaceRoot, result.zipPath)}  ${kib(result.zipBytes)}  (target < ${formatLimit(zipLimitBytes)}: ${verdict})  sha256 ${
      result.zipSha256
    }`,
    `largest inputs: ${result.largestInputs.map((input) => `${input.name} ${kib(input.bytes)}`).join(', ')}`,
  ].join('\n');
}

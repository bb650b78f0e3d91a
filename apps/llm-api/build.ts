/**
 * `nx run llm-api:build`: bundles the function with esbuild into `dist/apps/llm-api/index.js`
 * (+ `index.js.map`) and packs both into a deterministic `llm-api.zip`, the Terraform asset: the
 * same sources give the same bytes, so an unchanged function never shows up in a plan.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { zipSync } from 'fflate';

export const WORKSPACE_ROOT = resolve(__dirname, '..', '..');
export const DEFAULT_OUT_DIR = join(WORKSPACE_ROOT, 'dist', 'apps', 'llm-api');
export const ZIP_NAME = 'llm-api.zip';
export const ZIP_LIMIT_BYTES = 1024 * 1024;

export interface BuildResult {
  readonly outDir: string;
  readonly bundlePath: string;
  readonly zipPath: string;
  readonly bundleBytes: number;
  readonly zipBytes: number;
  readonly zipSha256: string;
  /** Largest inputs of the bundle (package or file, bytes in the output), largest first. */
  readonly largestInputs: readonly { readonly name: string; readonly bytes: number }[];
}

export async function buildLlmApi(outDir: string = DEFAULT_OUT_DIR): Promise<BuildResult> {
  await mkdir(outDir, { recursive: true });
  const bundlePath = join(outDir, 'index.js');
  const result = await build({
    absWorkingDir: WORKSPACE_ROOT,
    entryPoints: [join(WORKSPACE_ROOT, 'apps/llm-api/src/index.ts')],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    // Maps point at lines, not copies of the sources: a much smaller zip, the same stack traces.
    sourcemap: 'external',
    sourcesContent: false,
    // ESM builds first: the AWS SDK and others tree-shake far better than their CJS builds.
    mainFields: ['module', 'main'],
    // Everything is bundled, the AWS SDK included: the runtime's own copy is not a version we chose.
    external: [],
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    write: false,
  });
  const files = new Map(result.outputFiles.map((file) => [file.path, file.contents]));
  const js = files.get(bundlePath);
  const map = files.get(`${bundlePath}.map`);
  if (!js || !map) throw new Error(`esbuild wrote no ${bundlePath} or no source map`);
  const portableMap = workspaceRelativeMap(map, outDir);
  await writeFile(bundlePath, js);
  await writeFile(`${bundlePath}.map`, portableMap);

  const zip = deterministicZip({ 'index.js': js, 'index.js.map': portableMap });
  const zipPath = join(outDir, ZIP_NAME);
  await writeFile(zipPath, zip);
  return {
    outDir,
    bundlePath,
    zipPath,
    bundleBytes: js.length,
    zipBytes: zip.length,
    zipSha256: createHash('sha256').update(zip).digest('hex'),
    largestInputs: largestInputs(result.metafile),
  };
}

/** 1980-01-01 00:00 in local time: fflate writes DOS times from local fields, so this is the same bytes in every time zone. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** Sorted entries, fixed times, fixed Unix mode 0644, fixed compression: byte-identical for identical input. */
export function deterministicZip(entries: Readonly<Record<string, Uint8Array>>): Uint8Array {
  const sorted = Object.keys(entries).sort();
  return zipSync(
    Object.fromEntries(
      sorted.map((name) => [name, [entries[name], { mtime: FIXED_MTIME, level: 9, os: 3, attrs: (0o100644 << 16) >>> 0 }]]),
    ),
  );
}

/** Source paths relative to the workspace root, whatever `outDir` is: the map (and the zip) stay the same in any checkout or folder. */
function workspaceRelativeMap(map: Uint8Array, outDir: string): Uint8Array {
  const json = JSON.parse(Buffer.from(map).toString('utf8')) as { sources: string[] };
  json.sources = json.sources.map((source) => relative(WORKSPACE_ROOT, resolve(outDir, source)).split(sep).join('/'));
  return Buffer.from(JSON.stringify(json));
}

function largestInputs(metafile: Metafile): { name: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const name = match ? match[1] : path;
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, 8);
}

export function formatBuild(result: BuildResult): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const verdict = result.zipBytes < ZIP_LIMIT_BYTES ? 'met' : 'MISSED';
  return [
    `bundle ${relative(WORKSPACE_ROOT, result.bundlePath)}  ${kb(result.bundleBytes)} (+ index.js.map)`,
    `zip    ${relative(WORKSPACE_ROOT, result.zipPath)}  ${kb(result.zipBytes)}  (target < 1 MiB: ${verdict})  sha256 ${result.zipSha256}`,
    `largest inputs: ${result.largestInputs.map((input) => `${input.name} ${kb(input.bytes)}`).join(', ')}`,
  ].join('\n');
}

if (require.main === module) {
  buildLlmApi(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUT_DIR).then(
    (result) => {
      console.log(formatBuild(result));
      if (result.zipBytes >= ZIP_LIMIT_BYTES) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

/**
 * One Lambda entry bundled with esbuild into `<outDir>/index.js` (+ `index.js.map`), both packed
 * into a deterministic zip: the same sources give the same bytes in any folder and time zone.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { deterministicZip } from './zip';

export interface BundleOptions {
  /** Root the entry and the source map paths are relative to (the workspace root). */
  readonly workspaceRoot: string;
  /** The function's entry module, absolute or relative to `workspaceRoot`; it must export the handler. */
  readonly entry: string;
  readonly outDir: string;
  /** File name of the zip inside `outDir`, e.g. `llm-api.zip`. */
  readonly zipName: string;
}

export interface InputSize {
  readonly name: string;
  readonly bytes: number;
}

export interface BundleResult {
  readonly outDir: string;
  readonly bundlePath: string;
  readonly zipPath: string;
  readonly bundleBytes: number;
  readonly zipBytes: number;
  readonly zipSha256: string;
  /** Largest inputs of the bundle (package or file, bytes in the output), largest first. */
  readonly largestInputs: readonly InputSize[];
}

export async function bundleFunction(options: BundleOptions): Promise<BundleResult> {
  const { workspaceRoot, outDir } = options;
  await mkdir(outDir, { recursive: true });
  const bundlePath = join(outDir, 'index.js');
  const result = await build({
    absWorkingDir: workspaceRoot,
    entryPoints: [resolve(workspaceRoot, options.entry)],
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
  if (!js || !map) throw new Error(`esbuild wrote no ${bundlePath} or no source map (entry ${options.entry})`);
  const portableMap = workspaceRelativeMap(map, outDir, workspaceRoot);
  await writeFile(bundlePath, js);
  await writeFile(`${bundlePath}.map`, portableMap);

  const zip = deterministicZip({ 'index.js': js, 'index.js.map': portableMap });
  const zipPath = join(outDir, options.zipName);
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

/** Source paths relative to the workspace root, whatever `outDir` is: the map (and the zip) stay the same in any checkout or folder. */
export function workspaceRelativeMap(map: Uint8Array, outDir: string, workspaceRoot: string): Uint8Array {
  const json = JSON.parse(Buffer.from(map).toString('utf8')) as { sources: string[] };
  json.sources = json.sources.map((source) => relative(workspaceRoot, resolve(outDir, source)).split(sep).join('/'));
  return Buffer.from(JSON.stringify(json));
}

/** Bytes in the output per npm package (or per file outside node_modules), the eight largest. */
export function largestInputs(metafile: Metafile): InputSize[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const name = match ? match[1] : path;
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 8);
}

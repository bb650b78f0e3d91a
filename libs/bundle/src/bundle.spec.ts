/** The generic Lambda build: a reproducible zip whatever the folder, and a size report against the limit. */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { bundleFunction, deterministicZip, formatBundle, formatLimit, type BundleResult } from './index';

let root: string;
let one: BundleResult;
let two: BundleResult;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bundle-'));
  await mkdir(join(root, 'src'));
  await writeFile(join(root, 'src', 'greet.ts'), 'export const greet = (name: string): string => `hello ${name}`;\n');
  await writeFile(join(root, 'src', 'entry.ts'), "import { greet } from './greet';\nexport const handler = async () => greet('lambda');\n");
  one = await bundleFunction({ workspaceRoot: root, entry: 'src/entry.ts', outDir: join(root, 'out', 'a'), zipName: 'fn.zip' });
  two = await bundleFunction({ workspaceRoot: root, entry: join(root, 'src/entry.ts'), outDir: join(root, 'elsewhere', 'deeper', 'b'), zipName: 'fn.zip' });
}, 30_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('bundleFunction', () => {
  it('gives the same zip bytes in any output folder, with source paths relative to the workspace', () => {
    expect(two.zipSha256).toBe(one.zipSha256);
    const entries = unzipSync(readFileSync(one.zipPath));
    expect(Object.keys(entries)).toEqual(['index.js', 'index.js.map']);
    expect((JSON.parse(Buffer.from(entries['index.js.map']).toString('utf8')) as { sources: string[] }).sources.sort()).toEqual([
      'src/entry.ts',
      'src/greet.ts',
    ]);
  });

  it('bundles a module that exports the handler', async () => {
    const loaded = (await import(one.bundlePath)) as { handler: () => Promise<string> };

    await expect(loaded.handler()).resolves.toBe('hello lambda');
  });

  it('names the largest inputs', () => {
    expect(one.largestInputs.map((input) => input.name).sort()).toEqual(['src/entry.ts', 'src/greet.ts']);
  });
});

describe('deterministicZip', () => {
  it('sorts entries and ignores their insertion order', () => {
    const a = deterministicZip({ 'b.txt': Buffer.from('b'), 'a.txt': Buffer.from('a') });
    const b = deterministicZip({ 'a.txt': Buffer.from('a'), 'b.txt': Buffer.from('b') });

    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Object.keys(unzipSync(a))).toEqual(['a.txt', 'b.txt']);
  });
});

describe('formatBundle', () => {
  it('states the limit and whether the zip meets it', () => {
    expect(formatBundle(one, root, 1024 * 1024)).toMatch(/^zip {4}out\/a\/fn\.zip {2}\d+\.\d KiB {2}\(target < 1 MiB: met\) {2}sha256 [0-9a-f]{64}$/m);
    expect(formatBundle(one, root, 100)).toContain('(target < 100 B: MISSED)');
  });

  it.each([
    [1024 * 1024, '1 MiB'],
    [2 * 1024 * 1024, '2 MiB'],
    [512 * 1024, '512 KiB'],
    [100, '100 B'],
  ])('writes %d bytes as %s', (bytes, text) => {
    expect(formatLimit(bytes)).toBe(text);
  });
});

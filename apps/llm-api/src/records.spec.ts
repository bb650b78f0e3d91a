import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFolderRecordWriter, recordKey, type GenerationRecord } from './records';

describe('recordKey', () => {
  it.each([
    ['2025-06-01T12:00:00Z', 'generations/2025/06/01/abc.json'],
    // 23:30 on 31 December at UTC-2 is already 1 January in UTC.
    ['2025-12-31T23:30:00-02:00', 'generations/2026/01/01/abc.json'],
    ['2024-02-29T00:00:00.000Z', 'generations/2024/02/29/abc.json'],
  ])('dates %s as %s (UTC)', (when, key) => {
    expect(recordKey(new Date(when), 'abc')).toBe(key);
  });
});

describe('LocalFolderRecordWriter', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'llm-api-records-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const record = { schemaVersion: 1, id: 'abc' } as unknown as GenerationRecord;

  it('writes the record at <dir>/<key>, as the bucket would hold it', async () => {
    const writer = new LocalFolderRecordWriter(dir);

    await writer.write('generations/2025/06/01/abc.json', record);

    expect(JSON.parse(await readFile(join(dir, 'generations/2025/06/01/abc.json'), 'utf8'))).toEqual(record);
  });

  it('never overwrites a record', async () => {
    const writer = new LocalFolderRecordWriter(dir);
    await writer.write('generations/2025/06/01/abc.json', record);

    await expect(writer.write('generations/2025/06/01/abc.json', record)).rejects.toThrow(/EEXIST/);
  });

  it('refuses a key that leaves the folder', async () => {
    await expect(new LocalFolderRecordWriter(dir).write('../escape.json', record)).rejects.toThrow(/leaves/);
  });
});

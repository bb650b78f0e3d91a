import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJsonText, readJsonFile } from './read';

describe('readJsonFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'review-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says a file is missing or empty, naming it', () => {
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '  \n');

    expect(() => readJsonFile(join(dir, 'missing.json'))).toThrow(`${join(dir, 'missing.json')}: no such file or directory`);
    expect(() => readJsonFile(empty)).toThrow(`${empty}: is empty; expected Terraform JSON`);
  });

  it('accepts a byte-order mark', () => {
    expect(parseJsonText('\ufeff{"a":1}', 'x')).toEqual({ a: 1 });
  });

  it('reads UTF-16 with a byte-order mark, as PowerShell redirection writes it, in both byte orders', () => {
    const text = '{"format_version":"1.2","note":"caf\u00e9"}';
    const little = join(dir, 'utf16le.json');
    const big = join(dir, 'utf16be.json');
    const unmarked = join(dir, 'utf16le-no-bom.json');
    writeFileSync(little, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(big, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    writeFileSync(unmarked, Buffer.from(text, 'utf16le'));

    for (const path of [little, big, unmarked]) expect(readJsonFile(path)).toEqual({ format_version: '1.2', note: 'caf\u00e9' });
  });

  it('reads UTF-8 as UTF-8, whether the text is plain ASCII or not, and invalid bytes as replacement characters', () => {
    const ascii = join(dir, 'ascii.json');
    const accented = join(dir, 'accented.json');
    const broken = join(dir, 'broken.json');
    writeFileSync(ascii, `{"note":"${'plain '.repeat(300_000)}"}`);
    writeFileSync(accented, '{"note":"caf\u00e9 \u2026 \u{1f680}"}');
    writeFileSync(broken, Buffer.concat([Buffer.from('{"note":"'), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from('"}')]));

    expect(readJsonFile(ascii)).toEqual({ note: 'plain '.repeat(300_000) });
    expect(readJsonFile(accented)).toEqual({ note: 'caf\u00e9 \u2026 \u{1f680}' });
    expect(readJsonFile(broken)).toEqual({ note: '\ufffd\ufffd(' });
  });

  it('says a binary planfile is not its JSON, and how to get that', () => {
    const planfile = join(dir, 'plan.tfplan');
    writeFileSync(planfile, Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(40, 7)]));

    expect(() => readJsonFile(planfile)).toThrow(
      `${planfile}: is a binary planfile, not its JSON; run \`terraform show -json <planfile> > plan.json\` and pass plan.json`,
    );
  });
});

describe('parseJsonText', () => {
  it('says where the JSON breaks, by line and column', () => {
    expect(() => parseJsonText('{\n"a" 1}', 'p.json')).toThrow("p.json: is not JSON (Expected ':' after property name at line 2, column 5)");
    expect(() => parseJsonText('{"a": 1', 'p.json')).toThrow(/^p\.json: is not JSON \(.*line 1, column 8\)$/);
  });

  it('never quotes the text it could not parse: a broken state may hold secrets', () => {
    const text = '{"password": "correct-horse-battery" oops}';

    expect(() => parseJsonText(text, 'state.json')).toThrow(/^state\.json: is not JSON/);
    expect(() => parseJsonText(text, 'state.json')).not.toThrow(/correct-horse/);
    expect(() => parseJsonText('not json at all', 'x.json')).not.toThrow(/not json at all/);
  });
});

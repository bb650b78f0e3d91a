import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertHoldsNoState, cdktfAppCommand } from './synth';

describe('assertHoldsNoState', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stack-dir-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lets a folder without state, or no folder at all, be replaced', () => {
    writeFileSync(join(dir, 'plan.json'), '{}');
    mkdirSync(join(dir, '.terraform'));
    writeFileSync(join(dir, '.terraform', 'terraform.tfstate'), '{}'); // backend settings, not state
    expect(() => assertHoldsNoState(dir)).not.toThrow();
    expect(() => assertHoldsNoState(join(dir, 'missing'))).not.toThrow();
  });

  it('refuses to replace a folder that holds state, naming the files', () => {
    writeFileSync(join(dir, 'terraform.tfstate'), '{}');
    writeFileSync(join(dir, 'terraform.tfstate.backup'), '{}');
    expect(() => assertHoldsNoState(dir)).toThrow(
      `${dir} holds Terraform state (terraform.tfstate, terraform.tfstate.backup) that npm start would delete`,
    );
  });
});

describe('cdktfAppCommand', () => {
  it('reads the app command of this workspace', () => {
    expect(cdktfAppCommand(join(__dirname, '..', '..', '..'))).toBe('node --import tsx main.ts');
  });

  it('names the file when it has no app command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-json-'));
    writeFileSync(join(dir, 'cdktf.json'), '{"language":"typescript"}');
    expect(() => cdktfAppCommand(dir)).toThrow(`${join(dir, 'cdktf.json')} has no "app" command`);
    rmSync(dir, { recursive: true, force: true });
  });
});

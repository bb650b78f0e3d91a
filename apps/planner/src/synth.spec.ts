import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertHoldsNoState, buildFailure, carryOverInitialisation, cdktfAppCommand, removeStaleStacks } from './synth';

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
    expect(() => assertHoldsNoState(dir)).toThrow(`${dir} holds Terraform state (terraform.tfstate, terraform.tfstate.backup) that npm start would delete`);
  });

  it("finds a non-default workspace's state under terraform.tfstate.d too, and keeps its folder", () => {
    const stacks = mkdtempSync(join(tmpdir(), 'stacks-'));
    const stack = join(stacks, 'qa-global');
    mkdirSync(join(stack, 'terraform.tfstate.d', 'blue'), { recursive: true });
    writeFileSync(join(stack, 'terraform.tfstate.d', 'blue', 'terraform.tfstate'), '{}');

    expect(() => assertHoldsNoState(stack)).toThrow(`${stack} holds Terraform state (terraform.tfstate.d/blue/terraform.tfstate)`);
    expect(removeStaleStacks(stacks, [])).toEqual({
      removed: [],
      keptWithState: [{ name: 'qa-global', files: ['terraform.tfstate.d/blue/terraform.tfstate'] }],
    });
    expect(existsSync(join(stack, 'terraform.tfstate.d', 'blue', 'terraform.tfstate'))).toBe(true);
    rmSync(stacks, { recursive: true, force: true });
  });
});

describe('carryOverInitialisation', () => {
  it("moves the previous folder's .terraform and lock file into the new one, and nothing else", () => {
    const dir = mkdtempSync(join(tmpdir(), 'carry-over-'));
    const previous = join(dir, 'previous');
    const fresh = join(dir, 'fresh');
    mkdirSync(join(previous, '.terraform', 'providers'), { recursive: true });
    writeFileSync(join(previous, '.terraform', 'terraform.tfstate'), '{"backend":{}}');
    writeFileSync(join(previous, '.terraform.lock.hcl'), '# previous lock');
    writeFileSync(join(previous, 'plan.json'), '{"stale":true}');
    mkdirSync(fresh);
    writeFileSync(join(fresh, 'cdk.tf.json'), '{}');

    expect(carryOverInitialisation(previous, fresh)).toEqual(['.terraform', '.terraform.lock.hcl']);

    expect(readdirSync(fresh).sort()).toEqual(['.terraform', '.terraform.lock.hcl', 'cdk.tf.json']);
    expect(readFileSync(join(fresh, '.terraform', 'terraform.tfstate'), 'utf8')).toBe('{"backend":{}}');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a lock file the synthesis wrote itself, and does nothing for a stack planned for the first time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carry-over-'));
    const previous = join(dir, 'previous');
    const fresh = join(dir, 'fresh');
    mkdirSync(join(previous, '.terraform'), { recursive: true });
    writeFileSync(join(previous, '.terraform.lock.hcl'), '# previous lock');
    mkdirSync(fresh);
    writeFileSync(join(fresh, '.terraform.lock.hcl'), '# synthesized lock');

    expect(carryOverInitialisation(previous, fresh)).toEqual(['.terraform']);
    expect(readFileSync(join(fresh, '.terraform.lock.hcl'), 'utf8')).toBe('# synthesized lock');
    expect(carryOverInitialisation(join(dir, 'never-planned'), join(dir, 'other'))).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
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

describe('removeStaleStacks', () => {
  it('removes the folders of stacks the configuration no longer has, but never one holding state', () => {
    const stacks = mkdtempSync(join(tmpdir(), 'stacks-'));
    for (const name of ['dev-global', 'qa-global', 'qa-us-east-1']) mkdirSync(join(stacks, name));
    writeFileSync(join(stacks, 'qa-us-east-1', 'terraform.tfstate'), '{}');
    writeFileSync(join(stacks, 'notes.txt'), 'not a stack folder');

    const result = removeStaleStacks(stacks, ['dev-global']);

    expect(result).toEqual({ removed: ['qa-global'], keptWithState: [{ name: 'qa-us-east-1', files: ['terraform.tfstate'] }] });
    expect(readdirSync(stacks).sort()).toEqual(['dev-global', 'notes.txt', 'qa-us-east-1']);
    expect(existsSync(join(stacks, 'qa-us-east-1', 'terraform.tfstate'))).toBe(true);
    rmSync(stacks, { recursive: true, force: true });
  });
});

describe('buildFailure', () => {
  const taskFailure = [
    '> nx run llm-api:build',
    '',
    'apps/llm-api/src/handler.ts:3:7: ERROR: Expected ";" but found "x"',
    '',
    '> nx run janitor:build  [existing outputs match the cache, left as is]',
    '',
    ' NX   Running target build for 2 projects failed',
    '',
    'Failed tasks:',
    '',
    '- llm-api:build',
    '',
    'Hint: run the command with --verbose for more details.',
  ].join('\n');

  it("shows the output of each failed task, and how to see all of Nx's", () => {
    expect(buildFailure(taskFailure, 1, false)).toBe(
      [
        'Build failed (nx run-many --target=build, exit 1): llm-api:build failed.',
        '--- llm-api:build ---',
        'apps/llm-api/src/handler.ts:3:7: ERROR: Expected ";" but found "x"',
        "(npm start -- --verbose prints all of Nx's output)",
      ].join('\n'),
    );
  });

  it('shows an Nx error whole, its --verbose hint turned into the npm start option', () => {
    const nxError = ' NX   Failed to process project graph.\n\nPass --verbose to see the stacktrace.';
    expect(buildFailure(nxError, 1, false)).toBe(
      'Build failed (nx run-many --target=build, exit 1):\nNX   Failed to process project graph.\n\nRun npm start -- --verbose to see the stacktrace.',
    );
    expect(buildFailure(taskFailure, 1, true)).toContain('Hint: run the command with --verbose');
  });
});

/**
 * The module-boundary rules of eslint.config.mjs, run by the real ESLint on sample sources placed
 * in real projects of this workspace: each forbidden import is reported, the allowed ones are not.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');

/** The real CLI on stdin (ESLint loads its .mjs config with a dynamic import, which jest's VM refuses). */
async function messagesFor(path: string, code: string): Promise<string[]> {
  const run = spawnSync(process.execPath, [resolve(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', path, '--format', 'json'], {
    cwd: root,
    input: code,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`eslint exited ${run.status}: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('the module-boundary lint rules', () => {
  it('refuses a util importing a construct, a construct importing a stack, and a relative import into an app', async () => {
    // libs/cli (type:util) importing a construct: no dependency the other way, so the tag rule itself answers.
    expect((await messagesFor('libs/cli/src/sample.ts', "import { Workers } from '@llm/constructs/workers';\nexport const x = Workers;\n")).join('\n')).toMatch(
      /@nx\/enforce-module-boundaries: A project tagged with "type:util" can only depend on libs tagged with "type:util"/,
    );
    expect(
      (await messagesFor('libs/constructs/vpc/src/sample.ts', "import { RegionalStack } from '@llm/stacks';\nexport const x = RegionalStack;\n")).join('\n'),
    ).toMatch(
      /@nx\/enforce-module-boundaries: (A project tagged with "type:construct" can only depend|Circular dependency between "constructs-vpc" and "stacks")/,
    );
    expect(
      (await messagesFor('libs/review/src/sample.ts', "import { runJanitor } from '../../../apps/janitor/src/janitor';\nexport const x = runJanitor;\n")).join(
        '\n',
      ),
    ).toMatch(/@nx\/enforce-module-boundaries: .*(relative|Projects cannot be imported by a relative or absolute path)/i);
  });

  it('refuses the @cdktf/provider-aws root index everywhere, and AGPL packages outside specs', async () => {
    expect(await messagesFor('stacks/src/sample.ts', "import { provider } from '@cdktf/provider-aws';\nexport const x = provider;\n")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*@cdktf\/provider-aws/),
    ]);
    const agpl = "import * as simulate from '@cloud-copilot/iam-simulate';\nexport const x = simulate;\n";
    expect(await messagesFor('libs/iam-eval/src/sample.ts', agpl)).toEqual([expect.stringMatching(/^no-restricted-imports: .*AGPL/)]);
    expect(await messagesFor('libs/iam-eval/src/sample.spec.ts', agpl)).toEqual([]);
  });

  it('allows a stack to import a construct and a file of its own', async () => {
    expect(
      await messagesFor(
        'stacks/src/sample.ts',
        "import { Vpc } from '@llm/constructs/vpc';\nimport { addNetwork } from './regional/network';\nexport const x = [Vpc, addNetwork];\n",
      ),
    ).toEqual([]);
  });
});

/** `npm run infra`'s usage errors and --help, in process through runInfraGen: no model is asked, nothing is synthesized. */
import { ENVIRONMENTS } from '@llm/environments';
import type { PolicyModel } from '@llm/model';
import { OPTIONS, USAGE } from './args';
import { runInfraGen } from './cli';

const API_KEY = 'test-key-that-must-never-be-printed';
/** The environments as the configuration lists them: adding one breaks no test. */
const KNOWN = ENVIRONMENTS.map((env) => env.name).join(', ');
const FULL_ENV = { OPENAI_API_KEY: API_KEY, OPENAI_MODEL: 'gpt-test' };

/** The command run in process with a model that fails the test if it is asked. */
async function run(argv: readonly string[], env: NodeJS.ProcessEnv = FULL_ENV) {
  let stdout = '';
  let stderr = '';
  const ask = jest.fn<ReturnType<PolicyModel['ask']>, Parameters<PolicyModel['ask']>>();
  const code = await runInfraGen(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env }, { model: { ask } });
  return { code, stdout, stderr, asked: ask.mock.calls.length };
}

describe('runInfraGen usage errors', () => {
  it.each([
    ['no description', ['--env', 'dev'], FULL_ENV, 'say what to change, as the first argument'],
    ['a blank description', ['  ', '--env', 'dev'], FULL_ENV, 'say what to change, as the first argument'],
    ['two positionals', ['add', 'eu-north-1'], FULL_ENV, 'give the change as one quoted argument; got 2 words outside quotes (add eu-north-1 ...)'],
    ['an unknown --env', ['more memory', '--env', 'no-such-env'], FULL_ENV, `--env: unknown environment "no-such-env"; known: ${KNOWN}`],
    ['--env without a value', ['more memory', '--env'], FULL_ENV, "Option '--env <value>' argument missing"],
    [
      'an unknown --accept kind',
      ['more memory', '--accept', 'destructive,everything'],
      FULL_ENV,
      '--accept: unknown finding kind "everything"; use destructive, broadening, exposure, cost',
    ],
    ['no model', ['more memory'], { OPENAI_API_KEY: API_KEY }, 'no model: pass --model or set OPENAI_MODEL'],
    ['no OPENAI_API_KEY', ['more memory', '--model', 'gpt-test'], {}, 'OPENAI_API_KEY is not set'],
    ['an empty OPENAI_API_KEY', ['more memory'], { OPENAI_API_KEY: '', OPENAI_MODEL: 'gpt-test' }, 'OPENAI_API_KEY is not set'],
    ['an unknown option', ['more memory', '--force'], FULL_ENV, "Unknown option '--force'"],
    ['an empty --out-dir', ['more memory', '--out-dir', ''], FULL_ENV, '--out-dir needs a folder'],
    ['a blank --out-dir', ['more memory', '--out-dir=  '], FULL_ENV, '--out-dir needs a folder'],
  ])('exits 2 on %s, with one line saying what was wrong and no model asked', async (_, argv, env, message) => {
    const result = await run(argv, env);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^infra: [^\n]+ \(see --help\)\n$/);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain(API_KEY);
    expect(result.asked).toBe(0);
  });
});

describe('runInfraGen --help', () => {
  const options = Object.entries(OPTIONS);

  it('prints USAGE on stdout and exits 0, even without OPENAI_API_KEY or a model', async () => {
    const result = await run(['--help'], {});

    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${USAGE}\n`);
    expect(result.stderr).toBe('');
    expect(result.asked).toBe(0);
  });

  it('lists every option the parser accepts, a value placeholder for each that takes one', () => {
    expect(options.length).toBeGreaterThan(5);
    for (const [name, option] of options) {
      const line = USAGE.split('\n').find((candidate) => candidate.startsWith(`  --${name} `));
      expect({ name, line: line ?? '(none)' }).toEqual({
        name,
        line:
          option.type === 'string' ? expect.stringMatching(new RegExp(`^  --${name} [A-Z]+ +\\S`)) : expect.stringMatching(new RegExp(`^  --${name} {2,}\\S`)),
      });
    }
  });

  it('documents no option the parser does not accept, and names every one but --help in the synopsis', () => {
    const documented = [...USAGE.matchAll(/^ {2}--([a-z-]+)/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(options.map(([name]) => name).sort());
    const synopsis = USAGE.split('\n\n')[0];
    for (const [name] of options) if (name !== 'help') expect(synopsis).toContain(`[--${name}`);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_RULES, classify, extractCommands, stripComment, unusedRules, type CommandRule } from './readme-commands';

const fence = '```';

describe('extractCommands', () => {
  it('takes every line of sh, bash and shell blocks, with its README line, and no output block', () => {
    const markdown = [
      '# Title',
      `${fence}sh`,
      'npm ci        # installs everything',
      '',
      '# a comment line',
      'npm start',
      fence,
      `${fence}text`,
      'npm run not-a-command',
      fence,
      `${fence}bash`,
      "read -rs -p 'key: ' KEY; echo",
      fence,
      `${fence}shell`,
      'curl -s http://127.0.0.1:3000/',
      fence,
      fence,
      'npm output of an untagged block',
      fence,
    ].join('\n');

    expect(extractCommands(markdown)).toEqual([
      { command: 'npm ci', line: 3 },
      { command: 'npm start', line: 6 },
      { command: "read -rs -p 'key: ' KEY; echo", line: 12 },
      { command: 'curl -s http://127.0.0.1:3000/', line: 15 },
    ]);
  });

  it('joins backslash continuations into one command', () => {
    const markdown = [`${fence}sh`, 'npm run policy -- \\', '  "a description" \\', '  --resource arn:aws:s3:::b   # the bucket', fence].join('\n');

    expect(extractCommands(markdown)).toEqual([{ command: 'npm run policy -- "a description" --resource arn:aws:s3:::b', line: 2 }]);
  });

  it('reads an indented block inside a list item', () => {
    const markdown = ['- put the value:', '', `  ${fence}sh`, '  unset OPENAI_KEY', `  ${fence}`, 'after'].join('\n');

    expect(extractCommands(markdown)).toEqual([{ command: 'unset OPENAI_KEY', line: 4 }]);
  });

  it('in a block with $ prompts, takes the prompted lines and leaves their output', () => {
    const markdown = [`${fence}sh`, '$ npm run review -- --help', 'usage: review <plan...>', '$ git status', fence].join('\n');

    expect(extractCommands(markdown).map(({ command }) => command)).toEqual(['npm run review -- --help', 'git status']);
  });
});

describe('stripComment', () => {
  it.each([
    ['npm start     # plans everything', 'npm start'],
    ['curl -d \'{"a":"#not"}\' x # yes', 'curl -d \'{"a":"#not"}\' x'],
    ['echo "a # b"', 'echo "a # b"'],
    ['npm run review -- a#b', 'npm run review -- a#b'],
    ['echo \\# kept', 'echo \\# kept'],
  ])('%s -> %s', (line, expected) => {
    expect(stripComment(line)).toBe(expected);
  });
});

describe('classify', () => {
  const rules: CommandRule[] = [
    { match: 'npm start', action: 'run' },
    { match: /^npm run review -- .* --fail-on /, action: 'run', expectedExit: 1, timeoutMs: 5_000 },
    { match: /^npm run worker -- /, action: 'skip', reason: 'needs AWS credentials' },
    { match: /^npm run worker -- list/, action: 'skip', reason: 'overlaps the entry above' },
  ];

  it('runs an exact match with exit 0 and the default timeout', () => {
    expect(classify('npm start', rules)).toEqual({ action: 'run', expectedExit: 0, expectedOutput: undefined, timeoutMs: 180_000 });
  });

  it('matches an exact entry only exactly', () => {
    expect(classify('npm start -- --env dev', rules).action).toBe('unknown');
  });

  it('takes the expected exit code and timeout of a regex entry', () => {
    expect(classify('npm run review -- x --fail-on drift', rules)).toMatchObject({ action: 'run', expectedExit: 1, timeoutMs: 5_000 });
  });

  it('skips with the reason of the entry', () => {
    expect(classify('npm run worker -- stop --all', rules)).toEqual({ action: 'skip', reason: 'needs AWS credentials' });
  });

  it('says what to do with a command no entry matches', () => {
    expect(classify('npm run brand-new', rules)).toEqual({
      action: 'unknown',
      message: 'README command "npm run brand-new" is neither run nor skipped: add it to tools/readme-commands.ts',
    });
  });

  it('refuses a command that two entries match', () => {
    const result = classify('npm run worker -- list --env dev', rules);

    expect(result.action).toBe('unknown');
    expect(result.action === 'unknown' && result.message).toContain('matches 2 entries');
  });
});

describe('unusedRules', () => {
  it('names the entries no command matches', () => {
    const rules: CommandRule[] = [
      { match: 'npm start', action: 'run' },
      { match: 'npm run gone', action: 'skip', reason: 'removed from the README' },
    ];

    expect(unusedRules([{ command: 'npm start', line: 1 }], rules)).toEqual([rules[1]]);
  });
});

describe('COMMAND_RULES against the README', () => {
  const commands = extractCommands(readFileSync(join(__dirname, '..', 'README.md'), 'utf8'));

  it('classifies every README command through exactly one entry, and every entry is used', () => {
    expect(commands.map(({ command }) => classify(command)).filter((result) => result.action === 'unknown')).toEqual([]);
    expect(unusedRules(commands)).toEqual([]);
  });

  it('runs npm start at most once, before any command that reads cdktf.out', () => {
    const run = commands.filter(({ command }) => classify(command).action === 'run').map(({ command }) => command);
    const starts = run.filter((command) => /^npm start\b/.test(command));
    const readers = run.filter((command) => command.includes('cdktf.out'));

    expect(starts).toHaveLength(1);
    expect(run.indexOf(starts[0])).toBeLessThan(Math.min(...readers.map((command) => run.indexOf(command))));
  });

  it('gives every skip a reason of at least ten characters', () => {
    expect(COMMAND_RULES.filter((rule) => rule.action === 'skip' && rule.reason.length < 10)).toEqual([]);
  });
});

/**
 * The README tells the truth: every command of its shell blocks that can run offline runs, in
 * README order, in a scratch copy of this workspace, without AWS or OpenAI credentials, and exits
 * as tools/readme-commands.ts says (0 unless the table names the exit code a gate is meant to give).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify, extractCommands, unusedRules } from './readme-commands';
import { WORKSPACE_ROOT, createThrowawayRepo, removeThrowawayRepo } from './testing/throwaway-repo';

const README = readFileSync(join(WORKSPACE_ROOT, 'README.md'), 'utf8');
const COMMANDS = extractCommands(README).map((entry) => ({ ...entry, classification: classify(entry.command) }));
const OUTPUT_TAIL_LINES = 40;

/** This environment without credentials or jest's markers (the copy's tools must build and run on their own). */
function offlineEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
  for (const name of Object.keys(env)) if (/^(AWS_|OPENAI_)/.test(name)) delete env[name];
  delete env.LLM_API_BUILT_FOR_JEST;
  delete env.JEST_WORKER_ID;
  return env;
}

interface Outcome {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly output: string;
}

/** Runs `command` with bash (globs, pipes, `VAR=value` prefixes) in its own process group, so a timeout stops npm, node and terraform alike. */
function runInShell(command: string, cwd: string, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd, env: offlineEnvironment(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, timedOut, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

function describeFailure(command: string, line: number, expected: string, outcome: Outcome, timeoutMs: number): string {
  const how = outcome.timedOut ? `timed out after ${timeoutMs / 1000} s` : outcome.signal ? `was killed by ${outcome.signal}` : `exited ${outcome.status}`;
  const tail = outcome.output.trimEnd().split('\n').slice(-OUTPUT_TAIL_LINES).join('\n');
  return `README.md:${line}: \`${command}\` ${how} (expected ${expected}); last ${OUTPUT_TAIL_LINES} lines of its output:\n${tail}`;
}

describe("the README's commands", () => {
  it('finds the command blocks (a parser that finds nothing checks nothing)', () => {
    expect(COMMANDS.length).toBeGreaterThan(20);
    expect(COMMANDS.map(({ command }) => command)).toContain('npm start');
  });

  it('classifies every README command as run or skip, through exactly one entry of tools/readme-commands.ts', () => {
    const problems = COMMANDS.flatMap(({ classification, line }) =>
      classification.action === 'unknown' ? [`README.md:${line}: ${classification.message}`] : [],
    );

    expect(problems).toEqual([]);
  });

  it('has no entry in tools/readme-commands.ts that matches no README command', () => {
    expect(unusedRules(COMMANDS).map((rule) => String(rule.match))).toEqual([]);
  });

  describe('run offline in a scratch copy, in README order', () => {
    let repo: string;

    beforeAll(() => {
      repo = createThrowawayRepo('readme-commands-');
    });
    afterAll(() => removeThrowawayRepo(repo));

    for (const { command, line, classification } of COMMANDS) {
      // Skipped commands are not tests that did not run: each has its reason in the table, checked above.
      if (classification.action === 'run') {
        const { expectedExit, expectedOutput, timeoutMs } = classification;
        const expected = expectedOutput ? `exit ${expectedExit} and output matching ${String(expectedOutput)}` : `exit ${expectedExit}`;
        it(
          `${command} exits ${expectedExit}`,
          async () => {
            const outcome = await runInShell(command, repo, timeoutMs);

            const asExpected = !outcome.timedOut && outcome.status === expectedExit && (!expectedOutput || expectedOutput.test(outcome.output));
            if (!asExpected) throw new Error(describeFailure(command, line, expected, outcome, timeoutMs));
          },
          classification.timeoutMs + 10_000,
        );
      }
    }
  });
});

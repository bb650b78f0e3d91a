/**
 * `npm run ci`: what the pull-request workflow's checks job runs, on this machine and without AWS:
 * `nx affected` for the targets that exist (lint, test, build, synth), then the offline plan and
 * review of the affected environments (`npm start -- --env ... --fail-on ...`). The PR workflow
 * calls this same file, so a failure here is the failure CI would report.
 */
import { spawnSync } from 'node:child_process';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { affectedEnvironments } from './ci/affected';
import { changedFiles, commitOf, resolveBase } from './ci/git';
import { existingTargets, nxBinary, nxEnvironment, readProjectTargets } from './ci/nx';

const DEFAULT_TARGETS = ['lint', 'test', 'build', 'synth'];
/**
 * Offline plans start from an empty state: every IAM statement is new, so `broadening` would fail
 * every run (89 findings today) and tells nothing; the real plan in the PR workflow gates on it.
 * `exposure` (public access) and `destructive` stay meaningful offline.
 */
const DEFAULT_OFFLINE_GATES = 'destructive,exposure';

const USAGE = `Usage: npm run ci -- [--base REF] [--head REF] [--targets T,...] [--fail-on GATES] [--no-plan]
                     [--apply-local] [--dry-run]

Runs what the pull-request workflow runs, without AWS:
  1. nx affected -t <targets> (those of ${DEFAULT_TARGETS.join(', ')} that some project has)
  2. jest tools/workflows.spec.ts when .github/ changed (no Nx project owns .github/, so
     nx affected never runs the workflow checks for a change there alone)
  3. npm start -- --env <affected environments> --fail-on ${DEFAULT_OFFLINE_GATES} (offline plan and review)
  4. with --apply-local: npm run deploy:local -- --env <each affected environment>, an emulated
     apply into a fresh local emulator (moto server), torn down with it at the end

  --base REF      compare with this commit (default: the merge base with origin/main or main,
                  else HEAD~1)
  --head REF      the changed commit (default: the working tree, uncommitted files included)
  --targets LIST  Nx targets to run (default ${DEFAULT_TARGETS.join(',')})
  --fail-on G     review gates of the offline plan (default ${DEFAULT_OFFLINE_GATES})
  --no-plan       skip step 3
  --apply-local   also run step 4 (minutes per environment; needs moto_server)
  --dry-run       print the commands without running them
  --help          print this text

The PR workflow also plans each affected environment against its real state (plan role, OIDC)
and gates on destructive,broadening,exposure; that part needs AWS and has no local equivalent.`;

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

interface Command {
  readonly title: string;
  readonly file: string;
  readonly args: readonly string[];
}

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      targets: { type: 'string' },
      'fail-on': { type: 'string' },
      'no-plan': { type: 'boolean' },
      'apply-local': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const workspaceRoot = resolve(__dirname, '..');
  const base = asUsageError(values.base !== undefined, () => resolveBase(workspaceRoot, values.base));
  const head = values.head === undefined ? undefined : commitOf(workspaceRoot, values.head);
  if (values.head !== undefined && !head) throw new UsageError(`--head ${values.head} names no commit in this repository`);
  const range = [`--base=${base.sha}`, ...(head ? [`--head=${head}`] : [])];
  console.log(`base ${base.sha.slice(0, 12)} (${base.how}), head ${head ? head.slice(0, 12) : 'the working tree (uncommitted changes included)'}`);

  const wanted = (values.targets ?? DEFAULT_TARGETS.join(','))
    .split(',')
    .map((target) => target.trim())
    .filter(Boolean);
  const projects = readProjectTargets(workspaceRoot);
  const targets = existingTargets(projects, wanted);
  const absent = wanted.filter((target) => !targets.includes(target));
  if (absent.length > 0) console.log(`no project has target(s) ${absent.join(', ')}: skipped`);

  const commands: Command[] = [];
  if (targets.length > 0) {
    commands.push({
      title: `nx affected -t ${targets.join(' ')}`,
      file: nxBinary(workspaceRoot),
      args: ['affected', '-t', ...targets, ...range, '--output-style=static'],
    });
  }
  const workflowChanges = changedFiles(workspaceRoot, base.sha, head, '.github');
  if (workflowChanges.length > 0) {
    commands.push({
      title: `workflow checks (${workflowChanges.length} file(s) changed under .github/)`,
      file: join(workspaceRoot, 'node_modules', '.bin', 'jest'),
      args: ['tools/workflows.spec.ts'],
    });
  }
  const environments = !values['no-plan'] || values['apply-local'] ? affectedEnvironments(workspaceRoot, base.sha, head ?? undefined).environments : [];
  if (!values['no-plan'] || values['apply-local']) console.log(`affected environments: ${environments.join(', ') || 'none'}`);
  if (!values['no-plan'] && environments.length > 0) {
    const gates = values['fail-on'] ?? DEFAULT_OFFLINE_GATES;
    commands.push({
      title: `offline plan and review of ${environments.join(', ')}`,
      file: 'npm',
      args: ['start', '--', '--env', environments.join(','), ...(gates ? ['--fail-on', gates] : [])],
    });
  }
  if (values['apply-local']) {
    // One environment per run: deploy:local applies one environment into the emulator it starts.
    for (const environment of environments) {
      commands.push({ title: `emulated apply of ${environment}`, file: 'npm', args: ['run', 'deploy:local', '--', '--env', environment] });
    }
  }

  const failed: string[] = [];
  for (const command of commands) {
    const shown = [command.file === 'npm' ? 'npm' : `npx ${basename(command.file)}`, ...command.args].join(' ');
    console.log(`\n==> ${command.title}\n$ ${shown}`);
    if (values['dry-run']) continue;
    // Both steps run even when the first fails: a developer wants every failure CI would show.
    const result = spawnSync(command.file, [...command.args], { cwd: workspaceRoot, stdio: 'inherit', env: nxEnvironment() });
    if (result.status !== 0) failed.push(`${command.title} (exit ${result.status ?? result.signal})`);
  }
  if (values['dry-run']) return 0;
  console.log(failed.length === 0 ? '\nci: everything the PR checks run passed' : `\nci: failed: ${failed.join('; ')}`);
  return failed.length === 0 ? 0 : 1;
}

/** An --option naming what does not exist (a ref, an environment) is the caller's mistake: exit 2 like every usage error. */
function asUsageError<T>(fromOption: boolean, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw fromOption ? new UsageError((error as Error).message) : error;
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  console.error(`ci: ${(error as Error).message}${usage ? `\n\n${USAGE}` : ''}`);
  process.exitCode = usage ? 2 : 1;
}

/**
 * Prints the environments a change affects, in deployment order (dev, staging, prod), for CI to
 * plan and deploy only those: `node --import tsx tools/affected-environments.ts --base <sha> --head <sha>`.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { affectedEnvironments, environmentNames } from './ci/affected';
import { commitOf, resolveBase } from './ci/git';

const USAGE = `Usage: node --import tsx tools/affected-environments.ts [--base REF] [--head REF] [--all | --select LIST] [--format json|lines]

Prints the environments whose Nx project (env-<name>) is affected between --base and --head,
in deployment order, as a JSON list (default) or one name per line.

  --base REF     compare with this commit (default: the merge base with origin/main or main,
                 else HEAD~1)
  --head REF     the changed commit (default: the working tree, uncommitted files included)
  --all          print every environment, without asking Nx (a first deploy, no known base)
  --select LIST  print these environments (comma-separated), checked and in deployment order,
                 without asking Nx (a manual deploy)
  --format F     json or lines (default json)
  --help         print this text`;

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      all: { type: 'boolean' },
      select: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'lines') throw new UsageError(`--format must be json or lines, got "${format}"`);
  const workspaceRoot = resolve(__dirname, '..');

  let environments: string[];
  if (values.all && values.select !== undefined) throw new UsageError('--all and --select exclude each other');
  if (values.select !== undefined) {
    environments = selectNamed(values.select, environmentNames());
    process.stderr.write(`affected environments: as selected: ${environments.join(', ') || 'none'}\n`);
  } else if (values.all) {
    environments = environmentNames();
    process.stderr.write(`affected environments: all (--all): ${environments.join(', ')}\n`);
  } else {
    const base = asUsageError(values.base !== undefined, () => resolveBase(workspaceRoot, values.base));
    const head = values.head === undefined ? undefined : commitOf(workspaceRoot, values.head);
    if (values.head !== undefined && !head) throw new UsageError(`--head ${values.head} names no commit in this repository`);
    const result = affectedEnvironments(workspaceRoot, base.sha, head);
    process.stderr.write(
      `base ${base.sha.slice(0, 12)} (${base.how}), head ${head ? head.slice(0, 12) : 'working tree'}\n` +
        `affected projects: ${result.affectedProjects.join(', ') || 'none'}\n` +
        `affected environments: ${result.environments.join(', ') || 'none'}\n`,
    );
    environments = result.environments;
  }
  console.log(format === 'json' ? JSON.stringify(environments) : environments.join('\n'));
  return 0;
}

/** `prod,dev` -> ['dev', 'prod']: deployment order whatever the order typed; unknown names are an error. */
function selectNamed(list: string, known: readonly string[]): string[] {
  const wanted = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new UsageError(`--select names unknown environment(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return known.filter((name) => wanted.includes(name));
}

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
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
  console.error(`affected-environments: ${(error as Error).message}${usage ? `\n\n${USAGE}` : ''}`);
  process.exitCode = usage ? 2 : 1;
}

/**
 * Prints one environment's account, regions, CI stacks and OIDC role ARNs for a workflow step:
 * `node --import tsx tools/environment-info.ts --env prod --account "$ACCOUNT_ID" --format github >> "$GITHUB_OUTPUT"`.
 */
import { parseArgs } from 'node:util';
import { accountProblem, environmentInfo, findEnvironment, githubOutputLines } from './ci/environment-info';

const USAGE = `Usage: node --import tsx tools/environment-info.ts --env NAME [--account ID] [--format json|github]

  --env NAME      the environment (environments/<name>/config.ts)
  --account ID    the account id the workflow got from the repository variable AWS_ACCOUNT_IDS;
                  exit 1 when it is empty or differs from the configuration
  --format F      json (default) or github (key=value lines for $GITHUB_OUTPUT)`;

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: [...argv],
    options: { env: { type: 'string' }, account: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.env) {
    console.error(`--env is required\n\n${USAGE}`);
    return 2;
  }
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'github') {
    console.error(`--format must be json or github, got "${format}"\n\n${USAGE}`);
    return 2;
  }
  const env = findEnvironment(values.env);
  if (values.account !== undefined) {
    const problem = accountProblem(env, values.account);
    if (problem) {
      // An annotation on the run page, not only a line in the log.
      console.error(process.env.GITHUB_ACTIONS ? `::error title=AWS account of ${env.name}::${problem}` : problem);
      return 1;
    }
  }
  const info = environmentInfo(env);
  process.stdout.write(format === 'github' ? githubOutputLines(info) : `${JSON.stringify(info, null, 2)}\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`environment-info: ${(error as Error).message}`);
  process.exitCode = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
}

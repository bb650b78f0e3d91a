/**
 * Prints one environment's account, regions, CI stacks and OIDC role ARNs for a workflow step:
 * `node --import tsx tools/environment-info.ts --env prod --account "$ACCOUNT_ID" --format github >> "$GITHUB_OUTPUT"`,
 * or with `--matrix` the workflows' environment matrix (every environment, in deployment order).
 */
import { parseArgs } from 'node:util';
import { accountProblem, environmentInfo, environmentMatrix, findEnvironment, githubOutputLines } from './ci/environment-info';

const USAGE = `Usage: node --import tsx tools/environment-info.ts --env NAME [--account ID] [--format json|github]
       node --import tsx tools/environment-info.ts --matrix [--format json|github]

  --env NAME      the environment (environments/<name>/config.ts)
  --matrix        every environment name in deployment order (environments/index.ts), a JSON list
                  for the workflows' strategy.matrix (github: one line environments=[...])
  --account ID    the account id the workflow got from the repository variable AWS_ACCOUNT_IDS;
                  exit 1 when it is empty or differs from the configuration
  --format F      json (default) or github (key=value lines for $GITHUB_OUTPUT)`;

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: [...argv],
    options: { env: { type: 'string' }, account: { type: 'string' }, format: { type: 'string' }, matrix: { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'github') {
    console.error(`--format must be json or github, got "${format}"\n\n${USAGE}`);
    return 2;
  }
  if (values.matrix) {
    if (values.env !== undefined || values.account !== undefined) {
      console.error(`--matrix takes no --env or --account\n\n${USAGE}`);
      return 2;
    }
    const matrix = environmentMatrix();
    process.stdout.write(format === 'github' ? `environments=${matrix}\n` : `${matrix}\n`);
    return 0;
  }
  if (!values.env) {
    console.error(`--env (or --matrix) is required\n\n${USAGE}`);
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

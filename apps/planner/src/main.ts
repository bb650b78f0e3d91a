/** `npm start`: plan every stack offline and print what each would do. Exit 1 if any stack fails, 2 on usage errors. */
import { terraformVersion } from '@llm/terraform';
import { resolve } from 'node:path';
import { parsePlannerArgs, USAGE, UsageError } from './args';
import { planAll } from './plan-all';
import { failureDetails, progressLine, summaryTable } from './report';

async function main(argv: readonly string[]): Promise<number> {
  const options = parsePlannerArgs(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const version = terraformVersion();
  if (!version) {
    console.error('terraform is not on PATH: install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install) and retry.');
    return 1;
  }
  const workspaceRoot = resolve(__dirname, '..', '..', '..');
  const scope = options.environments.length > 0 ? `environment(s) ${options.environments.join(', ')}` : 'all environments';
  console.log(`Synthesizing ${scope} offline, then planning with Terraform ${version}, ${options.concurrency} at a time...`);
  const { results, wallMs, mirror } = await planAll(workspaceRoot, options, (result, done, total) =>
    console.log(progressLine(result, done, total)),
  );
  console.log(`\nProviders: ${mirror ? `offline mirror ${mirror}` : 'Terraform registry (no local mirror found)'}`);
  console.log(summaryTable(results, wallMs));
  const failures = results.filter((result) => !result.ok);
  if (failures.length > 0) {
    console.error(failureDetails(results));
    return 1;
  }
  console.log(`\nPlans written to ${options.outdir}/stacks/<stack>/plan.json`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

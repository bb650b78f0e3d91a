/**
 * `npm run new:environment -- --name qa --from dev --region eu-north-1`: writes environments/qa/
 * (config.ts made from dev's, project.json) and lists qa in environments/index.ts, then validates
 * every environment as a synth would; on a problem it writes nothing and says why.
 */
import { runCli } from '@llm/cli';
import { ConfigValidationError, environmentSchema, isKnownRegion, validateEnvironments, type EnvironmentConfig } from '@llm/config';
import { isPricedRegion, PRICED_REGIONS } from '@llm/pricing';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { accountIdsVariable } from './ci/environment-info';
import { addToIndex, environmentProjectText, newEnvironmentConfig, nextEnvironmentCidr, placeholderAccountId } from './ci/new-environment';

const USAGE = `Usage: npm run new:environment -- --name NAME --from ENV --region REGION [--account ID] [--cidr CIDR] [--before ENV]

Writes environments/<NAME>/config.ts (ENV's configuration with the name, account, and one region
with its VPC CIDR and zones adapted; every other setting kept for you to review) and
environments/<NAME>/project.json (its Nx project env-<NAME>), and lists NAME in
environments/index.ts. Then add the GitHub side (README, Add an environment).

  --name NAME      2..10 lower-case letters or digits, starting with a letter
  --from ENV       the environment to copy (dev for a small one)
  --region REGION  its primary region; one libs/pricing has prices for
  --account ID     its AWS account id (default: a placeholder such as 444444444444 to replace)
  --cidr CIDR      its VPC CIDR (default: the next free 10.N.0.0/16, N = 10, 20, 30, ...)
  --before ENV     deploy it just before ENV (default: before the first production environment)
  --help           print this text

Exit codes: 0 written, 1 the result would be invalid (nothing written), 2 usage error.`;

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const workspaceRoot = resolve(__dirname, '..');
const environmentsDir = join(workspaceRoot, 'environments');

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        name: { type: 'string' },
        from: { type: 'string' },
        region: { type: 'string' },
        account: { type: 'string' },
        cidr: { type: 'string' },
        before: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const { name, from, region } = values;
  if (!name || !from || !region) throw new UsageError('--name, --from and --region are required');
  const nameCheck = environmentSchema.shape.name.safeParse(name);
  if (!nameCheck.success) throw new UsageError(`--name ${name}: ${nameCheck.error.issues[0]?.message}`);
  if (!isKnownRegion(region)) throw new UsageError(`--region ${region} is not an AWS region known to provider 5.100.0 (libs/config/src/regions.ts)`);
  if (!isPricedRegion(region)) throw new UsageError(`--region ${region} has no prices in libs/pricing; priced regions: ${PRICED_REGIONS.join(', ')}`);

  // Loaded only now, and the new config below from a path never loaded before: no stale module.
  const { ENVIRONMENTS } = (await import(pathToFileURL(join(environmentsDir, 'index.ts')).href)) as { ENVIRONMENTS: unknown[] };
  const existing: EnvironmentConfig[] = validateEnvironments(ENVIRONMENTS);
  const known = existing.map((env) => env.name);
  if (known.includes(name) || existsSync(join(environmentsDir, name))) throw new UsageError(`environment ${name} exists already (environments/${name})`);
  if (!known.includes(from)) throw new UsageError(`--from ${from}: no such environment; known: ${known.join(', ')}`);
  if (values.before !== undefined && !known.includes(values.before))
    throw new UsageError(`--before ${values.before}: no such environment; known: ${known.join(', ')}`);
  const before = values.before ?? existing.find((env) => env.production)?.name;

  const accountId = values.account ?? placeholderAccountId(existing);
  const cidr = values.cidr ?? nextEnvironmentCidr(existing);
  const config = newEnvironmentConfig(readFileSync(join(environmentsDir, from, 'config.ts'), 'utf8'), { name, from, region, accountId, cidr });
  const indexPath = join(environmentsDir, 'index.ts');
  const indexBefore = readFileSync(indexPath, 'utf8');
  const indexAfter = addToIndex(indexBefore, name, before);

  const folder = join(environmentsDir, name);
  let accountIds: string;
  mkdirSync(folder);
  writeFileSync(join(folder, 'config.ts'), await inHouseStyle(join(folder, 'config.ts'), config.source));
  writeFileSync(join(folder, 'project.json'), await inHouseStyle(join(folder, 'project.json'), environmentProjectText(name)));
  try {
    const created = (await import(pathToFileURL(join(folder, 'config.ts')).href)) as Record<string, unknown>;
    const order = [...known];
    order.splice(before === undefined ? order.length : order.indexOf(before), 0, name);
    const all = order.map((entry) => (entry === name ? created[name] : existing.find((env) => env.name === entry)));
    accountIds = accountIdsVariable(validateEnvironments(all));
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    if (error instanceof ConfigValidationError) {
      console.error(`new-environment: ${name} made from ${from} would be invalid; nothing written.\n${error.message}`);
      return 1;
    }
    throw error;
  }
  writeFileSync(indexPath, await inHouseStyle(indexPath, indexAfter));

  const lines = [
    `wrote environments/${name}/config.ts (from ${from}: account ${accountId}, ${region}, VPC ${cidr}) and environments/${name}/project.json (Nx project env-${name})`,
    `listed ${name} in environments/index.ts${before ? `, before ${before}` : ''}`,
    ...config.notes.map((note) => `note: ${note}`),
    ...(values.account === undefined ? [`note: ${accountId} is a placeholder: set accountId to ${name}'s AWS account`] : []),
    `next: review environments/${name}/config.ts (npm start -- --env ${name} plans it), bootstrap the account, create the GitHub environment ${name}`,
    `      and set the repository variable AWS_ACCOUNT_IDS to ${accountIds} (README, Add an environment)`,
  ];
  console.log(lines.join('\n'));
  return 0;
}

/** What `npm run format` would make of the file, so that the new environment passes `npm run format:check` as written. */
async function inHouseStyle(path: string, text: string): Promise<string> {
  return format(text, { ...(await resolveConfig(path)), filepath: path });
}

runCli(main, { usage: USAGE, usageErrors: [UsageError] });

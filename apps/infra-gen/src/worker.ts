/**
 * The child process of the generator, so that neither a synthesis (whose app exits the process on
 * a guardrail error) nor an evaluated config.ts runs inside the command itself:
 *   synth <inputs.json> <outdir> <environment> [<emulator url>]
 *                                                one environment's synthesis (cost contexts included): offline,
 *                                                or for the emulator at the URL (its S3 backend and endpoints)
 *   read <config.ts>                             prints the file's exports as JSON
 */
import { synthesizeApp } from '@llm/stacks';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'synth') {
    const [inputsFile, outdir, environment, emulatorUrl] = rest;
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8')) as unknown[];
    // One mode only: a shell's exported INFRA_OFFLINE or INFRA_EMULATOR_URL must not mix in.
    const variables: NodeJS.ProcessEnv = { ...process.env, INFRA_ENVIRONMENTS: environment, CHECKPOINT_DISABLE: '1' };
    delete variables.INFRA_OFFLINE;
    delete variables.INFRA_EMULATOR_URL;
    if (emulatorUrl) variables.INFRA_EMULATOR_URL = emulatorUrl;
    else variables.INFRA_OFFLINE = '1';
    synthesizeApp(inputs, { variables, outdir });
    return;
  }
  if (command === 'read') {
    const exports = (await import(resolve(rest[0]))) as Record<string, unknown>;
    process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(exports).filter(([key]) => key !== 'default' && key !== '__esModule'))));
    return;
  }
  throw new Error(`unknown command ${String(command)}; use synth or read`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

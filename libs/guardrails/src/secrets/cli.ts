/**
 * `node --import tsx libs/guardrails/src/secrets/cli.ts cdktf.out [plan.json ...]`: the secret
 * hygiene check from a shell. Exit 0 when clean, 1 on findings, 2 on bad input.
 */
import { checkSecretHygieneFiles, formatSecretFindings } from './files';

export function runSecretHygieneCli(args: readonly string[], write: (text: string) => void = (text) => process.stdout.write(`${text}\n`)): number {
  if (args.length === 0 || args.includes('--help')) {
    write('usage: secret-hygiene <cdk.tf.json | plan.json | folder>...');
    return args.length === 0 ? 2 : 0;
  }
  try {
    const result = checkSecretHygieneFiles(args);
    write(formatSecretFindings(result));
    return result.ok ? 0 : 1;
  } catch (error) {
    write((error as Error).message);
    return 2;
  }
}

if (require.main === module) process.exitCode = runSecretHygieneCli(process.argv.slice(2));

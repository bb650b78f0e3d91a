/** `npm run policy`: generate a least-privilege IAM policy with OpenAI and prove it. Exit 0 proven, 2 usage, 3 model output invalid, 4 not provable, 1 unexpected. */
import { runPolicyGen } from './cli';

runPolicyGen(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then((code) => {
  // Let the output drain from the pipes before exiting.
  process.exitCode = code;
});

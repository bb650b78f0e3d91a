/** `npm run infra`: a configuration change proposed by OpenAI, checked, planned, reviewed and priced. Exit 0 proven, 2 usage, 3 model output invalid, 4 not provable, 1 unexpected. */
import { runInfraGen } from './cli';

runInfraGen(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then((code) => {
  // Let the output drain from the pipes before exiting.
  process.exitCode = code;
});

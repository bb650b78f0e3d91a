/** `npm run review`: review Terraform plans and states. Exit 0 ok, 1 a --fail-on gate failed, 2 usage or input error. */
import { runReview } from './cli';

const code = runReview(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTty: process.stdout.isTTY === true,
  env: process.env,
});
// Let a large report drain from the pipe before exiting.
process.exitCode = code;

/**
 * `npm run emulator -- start|stop|status|reset`: the local AWS emulator (moto server) on the
 * loopback address of INFRA_EMULATOR_URL (default http://127.0.0.1:4566). `start` waits until it
 * answers and records its pid in .emulator/; `stop` stops exactly that pid.
 * Exit codes: 0 done, 1 unexpected failure, 2 usage error (bad URL, port in use, nothing to stop).
 */
import { runCli } from '@llm/cli';
import { EmulatorError, isMotoProcess, notAnswering, probeEmulator, readRecord, resetEmulator, startEmulator, stopEmulator } from '@llm/emulator';
import { EMULATOR_LOCAL_STATE_DIR } from '@llm/stacks';
import { DEFAULT_EMULATOR_URL, EMULATOR_URL_VARIABLE, EmulatorUrlError, findProviderMirror, parseEmulatorUrl, writeCliConfig } from '@llm/terraform';
import { join, relative, resolve } from 'node:path';

const USAGE = `Usage: npm run emulator -- start|stop|status|reset

  start    start moto server at ${EMULATOR_URL_VARIABLE} (default ${DEFAULT_EMULATOR_URL}) and wait until it answers
  stop     stop the moto server that start started (its pid is in ${EMULATOR_LOCAL_STATE_DIR}/)
  status   say whether an emulator answers at the URL, and whether start started it
  reset    drop every resource the emulator holds (POST /moto-api/reset)

Exit codes: 0 done (status: an emulator answers), 1 unexpected failure, 2 usage error (bad URL,
port in use, nothing answers, nothing to stop), 3 status: nothing answers at the URL.`;

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!command || rest.length > 0 || !['start', 'stop', 'status', 'reset'].includes(command)) {
    throw new UsageError(command ? `unknown command "${argv.join(' ')}"` : 'a command is required');
  }
  const url = parseEmulatorUrl(process.env[EMULATOR_URL_VARIABLE]?.trim() || DEFAULT_EMULATOR_URL);
  const stateDir = join(resolve(__dirname, '..'), EMULATOR_LOCAL_STATE_DIR);
  switch (command) {
    case 'start': {
      if ((await probeEmulator(url)) === 'moto') {
        const record = readRecord(stateDir, url);
        console.log(
          `moto server already answers at ${url.origin}${record && isMotoProcess(record.pid) ? ` (pid ${record.pid})` : ' (not started by this command)'}`,
        );
        return 0;
      }
      const record = await startEmulator(url, { stateDir });
      console.log(`moto server answers at ${record.url} (pid ${record.pid}, log ${relative(process.cwd(), record.logFile)})`);
      // cdktf runs terraform itself: it needs a CLI configuration that points at the provider mirror.
      const cliConfig = relative(process.cwd(), writeCliConfig(stateDir, findProviderMirror()));
      console.log(
        `To apply one stack with the cdktf CLI:\n  INFRA_EMULATOR_URL=${record.url} TF_CLI_CONFIG_FILE=${cliConfig} npx cdktf deploy <stack> --auto-approve --skip-provider-lock`,
      );
      return 0;
    }
    case 'stop': {
      const result = await stopEmulator(url, stateDir);
      if (result === 'stopped') console.log(`moto server at ${url.origin} stopped`);
      else if (result === 'already-gone') console.log(`moto server at ${url.origin} had already exited`);
      else {
        const answering = (await probeEmulator(url)) === 'moto';
        throw new UsageError(
          answering
            ? `the emulator at ${url.origin} was not started by npm run emulator -- start; stop it where it was started`
            : `no emulator started by npm run emulator -- start runs at ${url.origin}`,
        );
      }
      return 0;
    }
    case 'status': {
      const probe = await probeEmulator(url);
      const record = readRecord(stateDir, url);
      const ours = record && isMotoProcess(record.pid) ? `, pid ${record.pid}, started ${record.startedAt}` : '';
      if (probe === 'moto') console.log(`running: moto server answers at ${url.origin}${ours}`);
      else if (probe === 'other') console.log(`port in use: something that is not moto server answers at ${url.origin}`);
      else console.log(`stopped: nothing answers at ${url.origin}`);
      return probe === 'moto' ? 0 : 3;
    }
    default: {
      if ((await probeEmulator(url)) !== 'moto') throw notAnswering(url.origin);
      await resetEmulator(url);
      console.log(`emulator at ${url.origin} reset: it holds no resources now`);
      return 0;
    }
  }
}

runCli(main, { usage: USAGE, usageErrors: [UsageError], inputErrors: [EmulatorUrlError, EmulatorError] });

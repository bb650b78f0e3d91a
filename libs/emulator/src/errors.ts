/** What can go wrong when starting, finding or stopping the local AWS emulator, each with the fix. */

export class EmulatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorError';
  }
}

export function motoMissing(): EmulatorError {
  return new EmulatorError('moto_server is not on PATH: install the emulator with pip install "moto[server]" (moto 5.x), then retry');
}

export function portInUse(url: string): EmulatorError {
  return new EmulatorError(`${url}: the port is in use by something that is not moto server; stop it or choose another port in INFRA_EMULATOR_URL`);
}

export function notAnswering(url: string): EmulatorError {
  return new EmulatorError(`no emulator answers at ${url}; start one with npm run emulator -- start`);
}

export function startFailed(url: string, detail: string): EmulatorError {
  return new EmulatorError(`moto server did not answer at ${url} after it was started:\n${detail}`);
}

/**
 * How stacks are deployed: real mode plans against AWS with the S3 backend; offline mode plans
 * with no AWS account at all; emulator mode is the real mode pointed at a local AWS emulator.
 */
import { EMULATOR_URL_VARIABLE, parseEmulatorUrl } from '@llm/terraform';

export interface EmulatorMode {
  readonly kind: 'emulator';
  /** A loopback URL, checked by parseEmulatorUrl. */
  readonly url: URL;
}

export type DeploymentMode = 'real' | 'offline' | EmulatorMode;

export function isEmulatorMode(mode: DeploymentMode): mode is EmulatorMode {
  return typeof mode === 'object' && mode.kind === 'emulator';
}

/** Short name of a mode for messages and branches: real, offline or emulator. */
export function modeName(mode: DeploymentMode): 'real' | 'offline' | 'emulator' {
  return isEmulatorMode(mode) ? 'emulator' : mode;
}

export function emulatorMode(urlText: string): EmulatorMode {
  return { kind: 'emulator', url: parseEmulatorUrl(urlText) };
}

/**
 * `INFRA_OFFLINE=1` (or `true`) selects offline mode; `INFRA_EMULATOR_URL=http://127.0.0.1:4566`
 * selects emulator mode; neither selects real mode. Both at once is refused: a plan is either
 * against nothing or against the emulator, never a guess between them.
 */
export function modeFromEnvironment(variables: NodeJS.ProcessEnv = process.env): DeploymentMode {
  const value = (variables.INFRA_OFFLINE ?? '').trim().toLowerCase();
  const emulatorUrl = (variables[EMULATOR_URL_VARIABLE] ?? '').trim();
  let offline: boolean;
  if (value === '1' || value === 'true') offline = true;
  else if (value === '' || value === '0' || value === 'false') offline = false;
  else throw new Error(`INFRA_OFFLINE must be 1/true (offline) or 0/false/unset (real), got "${variables.INFRA_OFFLINE}"`);
  if (offline && emulatorUrl) {
    throw new Error(`INFRA_OFFLINE=${variables.INFRA_OFFLINE} and ${EMULATOR_URL_VARIABLE}=${emulatorUrl} are both set; unset one of them`);
  }
  if (offline) return 'offline';
  return emulatorUrl ? emulatorMode(emulatorUrl) : 'real';
}

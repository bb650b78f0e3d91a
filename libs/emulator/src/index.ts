export { EmulatorError, motoMissing, notAnswering, portInUse, startFailed } from './errors';
export { probeEmulator, resetEmulator, waitUntilAnswers, type ProbeResult } from './probe';
export { isMotoProcess, motoServerPath, readRecord, startEmulator, stopEmulator, type EmulatorRecord, type StartOptions, type StopResult } from './process';

/** staging in the emulator: two regions applied, re-planned and state-reviewed (applied-environment.ts). */
import { describeAppliedEnvironment } from './applied-environment';

describeAppliedEnvironment('staging', () => undefined);

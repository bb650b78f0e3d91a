/** Checks of WorkersProps at construction, so a mistake names the construct instead of failing at apply. */
import { describeLocation } from '@llm/config';
import type { Construct } from 'constructs';
import type { WorkersProps } from './workers';

const NAME_PATTERN = /^[A-Za-z0-9-]{1,128}$/;

export function checkWorkersProps(scope: Construct, props: WorkersProps): void {
  const where = describeLocation(scope);
  const fail = (message: string): never => {
    throw new Error(`Workers ${message} ${where}`);
  };
  if (!NAME_PATTERN.test(props.name)) fail(`name "${props.name}" must be 1..128 letters, digits or hyphens (launch template and instance profile names)`);
  if (!Number.isInteger(props.volumeGb) || props.volumeGb < 8 || props.volumeGb > 2048) fail(`volumeGb ${props.volumeGb} must be a whole number 8..2048`);
  if (!Number.isInteger(props.maxHours) || props.maxHours < 1 || props.maxHours > 72) fail(`maxHours ${props.maxHours} must be a whole number 1..72`);
  if (props.gpu && props.architecture !== 'x86_64') fail('gpu workers must be x86_64: the GPU image exists for x86_64 only');
  for (const cidr of props.allowSshFrom ?? []) {
    if (/\/0$/.test(cidr)) fail(`allowSshFrom "${cidr}" opens SSH to the whole internet; name your network or use Session Manager`);
  }
  for (const key of ['Project', 'Environment', 'Role']) {
    if (!props.instanceTags[key]) fail(`instanceTags must carry ${key}: the janitor finds workers by Project, Environment and Role`);
  }
}

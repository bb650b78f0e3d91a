/** What a worker boots: the public SSM parameter naming the current image, and the user data it runs once. */

/**
 * Public parameters AWS keeps pointing at the latest image: Amazon Linux 2023 for CPU workers, the
 * Deep Learning Base OSS NVIDIA driver image (Amazon Linux 2023) for GPU workers, x86_64 only.
 */
export function workerImageParameter(architecture: 'arm64' | 'x86_64', gpu: boolean): string {
  if (gpu) return '/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id';
  return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;
}

/**
 * Boot script: makes sure the SSM agent (preinstalled on both images) runs, and schedules a
 * shutdown at maxHours, which the launch template turns into termination: a worker ends even if
 * the janitor never runs. It installs nothing and holds no secret; work arrives over Session Manager.
 */
export function workerUserData(maxHours: number): string {
  return [
    '#!/bin/bash',
    'set -euo pipefail',
    'systemctl enable --now amazon-ssm-agent',
    `shutdown -h +${maxHours * 60} "worker reached its maxHours (${maxHours} h)"`,
    '',
  ].join('\n');
}

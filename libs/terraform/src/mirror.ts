/** Finds the offline provider mirror and writes the Terraform CLI configuration that points at it. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const AWS_PROVIDER_VERSION = '5.100.0';
const AWS_PROVIDER_PATH = join('registry.terraform.io', 'hashicorp', 'aws', AWS_PROVIDER_VERSION);

/** Places a mirror is usually unpacked to, tried before an expensive filesystem search. */
const COMMON_MIRROR_ROOTS = [
  '/opt/tf-plugins',
  '/usr/share/terraform/plugins',
  '/usr/local/share/terraform/plugins',
  join(homedir(), '.local', 'share', 'terraform', 'plugins'),
];

export function mirrorHoldsAwsProvider(root: string): boolean {
  return existsSync(join(root, AWS_PROVIDER_PATH));
}

/**
 * The mirror root (the folder holding `registry.terraform.io/`), or undefined when this machine
 * has none and Terraform should use the registry. `TF_PROVIDER_MIRROR` wins when set; a set but
 * wrong value is an error rather than a silent fallback.
 */
export function findProviderMirror(variables: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = variables.TF_PROVIDER_MIRROR;
  if (configured) {
    const root = resolve(configured);
    if (!mirrorHoldsAwsProvider(root)) {
      throw new Error(`TF_PROVIDER_MIRROR=${configured} does not contain ${AWS_PROVIDER_PATH}; unset it or point it at the mirror root`);
    }
    return root;
  }
  const common = COMMON_MIRROR_ROOTS.find(mirrorHoldsAwsProvider);
  return common ?? searchFilesystem();
}

function searchFilesystem(): string | undefined {
  try {
    const output = execFileSync(
      'find',
      ['/', '-xdev', '-maxdepth', '8', '-type', 'd', '-not', '-path', '*/.terraform.d/*', '-not', '-path', '*/.terraform/*', '-path', `*/${AWS_PROVIDER_PATH}`],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 },
    );
    const hit = output.split('\n').find((line) => line.trim().length > 0);
    // The mirror root is four levels above .../registry.terraform.io/hashicorp/aws/<version>.
    return hit ? resolve(hit, '..', '..', '..', '..') : undefined;
  } catch (error) {
    // find exits non-zero when some folders are unreadable, but may still have printed a hit.
    const stdout = (error as { stdout?: string }).stdout ?? '';
    const hit = stdout.split('\n').find((line) => line.trim().length > 0);
    return hit ? resolve(hit, '..', '..', '..', '..') : undefined;
  }
}

/**
 * Writes a CLI config into `dir` and returns its path, for TF_CLI_CONFIG_FILE. With a mirror,
 * the AWS provider comes only from it (unpacked mirrors are symlinked, not copied, so an init
 * per stack is cheap); without one, Terraform's normal registry installation applies.
 */
export function writeCliConfig(dir: string, mirrorRoot: string | undefined): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'terraformrc');
  const body = mirrorRoot
    ? [
        'provider_installation {',
        '  filesystem_mirror {',
        `    path    = ${JSON.stringify(mirrorRoot)}`,
        '    include = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '  direct {',
        '    exclude = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '}',
        '',
      ].join('\n')
    : 'provider_installation {\n  direct {}\n}\n';
  // Write-then-rename: a planner running in parallel (nx runs env-* targets side by side) may be
  // reading this file right now, and must never see it empty.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, body);
  renameSync(temporary, path);
  return path;
}

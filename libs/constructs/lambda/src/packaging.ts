/**
 * How the function's code reaches Lambda: a zip built beforehand (copied into the stack as a
 * cdktf asset, its SHA-256 in `source_code_hash` so that a code change changes the plan), or a
 * container image in ECR pinned by digest (so that a re-pushed tag changes nothing by surprise).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { AssetType, TerraformAsset, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { invalidImageDigest, invalidRepositoryUrl, unknownPackaging, zipNotAFile, zipNotFound, zipTooLarge } from './errors';

/** A zip built before synth, e.g. `dist/apps/llm-api/llm-api.zip` by `npm run build`. */
export interface ZipPackaging {
  readonly type: 'zip';
  /**
   * Path of the zip: absolute, or relative to the folder of `cdktf.json` (as cdktf resolves asset
   * paths; the current directory when there is none). At most 50 MB.
   */
  readonly assetPath: string;
}

/** An image in ECR, pinned by digest. The execution role needs `grantEcrPull` for its repository. */
export interface ImagePackaging {
  readonly type: 'image';
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`, without tag or digest. */
  readonly repositoryUrl: string;
  /** `sha256:<64 hex digits>`, as `docker push` or `aws ecr describe-images` prints it. */
  readonly imageDigest: string;
}

export type FunctionPackaging = ZipPackaging | ImagePackaging;

/** What the aws_lambda_function needs from the packaging. */
export interface PackagedCode {
  readonly packageType: 'Zip' | 'Image';
  readonly filename?: string;
  readonly sourceCodeHash?: string;
  readonly imageUri?: string;
  /** The asset, for zip packaging. */
  readonly asset?: TerraformAsset;
}

/** Lambda's limit for a zip uploaded with the function (not through S3). */
export const MAX_ZIP_MB = 50;
const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;
const REPOSITORY_URL_PATTERN = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

/** `id` names the asset construct; it is part of the asset's folder in the synthesized stack. */
export function packageCode(scope: Construct, id: string, packaging: FunctionPackaging): PackagedCode {
  switch (packaging.type) {
    case 'zip':
      return packageZip(scope, id, packaging);
    case 'image':
      return packageImage(scope, packaging);
    default:
      throw unknownPackaging(scope, (packaging as { type: string }).type);
  }
}

function packageZip(scope: Construct, id: string, packaging: ZipPackaging): PackagedCode {
  const path = resolveAssetPath(scope, packaging.assetPath);
  if (!existsSync(path)) throw zipNotFound(scope, packaging.assetPath, path);
  const stat = statSync(path);
  if (!stat.isFile()) throw zipNotAFile(scope, path);
  if (stat.size > MAX_ZIP_MB * 1024 * 1024) throw zipTooLarge(scope, path, MAX_ZIP_MB, stat.size);
  const digest = createHash('sha256').update(readFileSync(path)).digest();
  // The hex digest names the asset's folder (path-safe); source_code_hash takes the base64 form,
  // which is what Lambda reports as CodeSha256 and what filebase64sha256() would compute.
  const asset = new TerraformAsset(scope, id, { path, type: AssetType.FILE, assetHash: digest.toString('hex') });
  return { packageType: 'Zip', filename: asset.path, sourceCodeHash: digest.toString('base64'), asset };
}

function packageImage(scope: Construct, packaging: ImagePackaging): PackagedCode {
  if (!Token.isUnresolved(packaging.repositoryUrl) && !REPOSITORY_URL_PATTERN.test(packaging.repositoryUrl)) {
    throw invalidRepositoryUrl(scope, packaging.repositoryUrl);
  }
  if (!Token.isUnresolved(packaging.imageDigest) && !DIGEST_PATTERN.test(packaging.imageDigest)) {
    throw invalidImageDigest(scope, packaging.imageDigest);
  }
  return { packageType: 'Image', imageUri: `${packaging.repositoryUrl}@${packaging.imageDigest}` };
}

/** The rule cdktf applies to relative asset paths: from the folder of cdktf.json. */
export function resolveAssetPath(scope: Construct, assetPath: string): string {
  if (isAbsolute(assetPath)) return assetPath;
  const cdktfJson = (scope.node.tryGetContext('cdktfJsonPath') as string | undefined) ?? findAbove(process.cwd(), 'cdktf.json');
  return resolve(cdktfJson ? dirname(cdktfJson) : process.cwd(), assetPath);
}

function findAbove(dir: string, file: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = resolve(current, file);
    if (existsSync(candidate)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

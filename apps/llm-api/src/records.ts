/**
 * The record kept for every answered request: its shape, its key
 * (`generations/YYYY/MM/DD/<id>.json`, UTC), and two writers, S3 for Lambda and a local folder
 * that stands in for the bucket when running without AWS.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { TokenUsage } from './openai';
import type { MetadataValue } from './validation';

export const RECORD_PREFIX = 'generations/';

export interface GenerationRecord {
  readonly schemaVersion: 1;
  readonly id: string;
  /** ISO 8601, UTC: when the request arrived. */
  readonly createdAt: string;
  /** API Gateway's request id (also in the access logs), when there is one. */
  readonly apiRequestId: string | null;
  /** The Lambda invocation's request id (also in the function's logs). */
  readonly lambdaRequestId: string;
  readonly request: {
    readonly prompt: string;
    readonly model: string;
    readonly instructions: string | null;
    readonly maxOutputTokens: number | null;
    readonly metadata: Readonly<Record<string, MetadataValue>> | null;
  };
  readonly response: {
    readonly openaiResponseId: string;
    /** The model that answered, as OpenAI names it. */
    readonly model: string;
    readonly status: 'completed' | 'incomplete';
    readonly incompleteReason: string | null;
    readonly output: string;
    readonly usage: TokenUsage;
  };
  readonly latencyMs: {
    readonly openai: number;
    /** From the arrival of the request to the moment the record was built (before the write). */
    readonly total: number;
  };
  readonly attempts: number;
}

/** `generations/YYYY/MM/DD/<id>.json`, dated in UTC. */
export function recordKey(createdAt: Date, id: string): string {
  const iso = createdAt.toISOString();
  return `${RECORD_PREFIX}${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${id}.json`;
}

export interface RecordWriter {
  /** Where records go, for logs and the local server's banner (never a secret). */
  readonly description: string;
  /** Stores the record under `key`; throws if it is not stored. */
  write(key: string, record: GenerationRecord): Promise<void>;
}

export class S3RecordWriter implements RecordWriter {
  readonly description: string;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {
    this.description = `s3://${bucket}/${RECORD_PREFIX}`;
  }

  async write(key: string, record: GenerationRecord): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: JSON.stringify(record),
        ContentType: 'application/json',
        // Ids are unique; refuse to replace an existing record rather than lose one.
        IfNoneMatch: '*',
      }),
    );
  }
}

/** Writes `<dir>/<key>`: the folder plays the bucket, so paths match the S3 keys. */
export class LocalFolderRecordWriter implements RecordWriter {
  readonly description: string;
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
    this.description = `${join(this.root, RECORD_PREFIX)} (local folder)`;
  }

  pathOf(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(`${this.root}${sep}`)) throw new Error(`record key ${key} leaves ${this.root}`);
    return path;
  }

  async write(key: string, record: GenerationRecord): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(record, null, 2)}\n`, { flag: 'wx' });
  }
}

/**
 * Where the OpenAI API key comes from: Secrets Manager in Lambda, cached across invocations for a
 * TTL, or a key given directly for local runs. The key is returned to the caller and nowhere else:
 * it is never logged, and errors carry only what went wrong, not the value.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ApiKeyUnavailableError } from './errors';
import { TtlCache } from './ttl-cache';

export interface ApiKeyProvider {
  getApiKey(): Promise<string>;
  /** Forget a cached key, e.g. after OpenAI refused it (the secret may have been rotated). */
  invalidate(): void;
}

export interface SecretsManagerApiKeyProviderOptions {
  readonly client: SecretsManagerClient;
  readonly secretId: string;
  readonly ttlSeconds: number;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  readonly now?: () => number;
}

/** Reads the key from Secrets Manager at most once per TTL; concurrent callers share one read. */
export class SecretsManagerApiKeyProvider implements ApiKeyProvider {
  private readonly key: TtlCache<string>;

  constructor(private readonly options: SecretsManagerApiKeyProviderOptions) {
    this.key = new TtlCache(() => this.fetch(), options.ttlSeconds * 1000, options.now);
  }

  getApiKey(): Promise<string> {
    return this.key.get();
  }

  invalidate(): void {
    this.key.invalidate();
  }

  private async fetch(): Promise<string> {
    let secretString: string | undefined;
    try {
      const result = await this.options.client.send(new GetSecretValueCommand({ SecretId: this.options.secretId }));
      secretString = result.SecretString;
    } catch (error) {
      // The SDK's message names the secret and the failure (AccessDenied, ResourceNotFound: no value yet), never a value.
      const name = error instanceof Error ? error.name : 'Error';
      const message = error instanceof Error ? error.message : String(error);
      throw new ApiKeyUnavailableError(`GetSecretValue failed: ${name}: ${message}`, { cause: error });
    }
    const value = extractKey(secretString);
    if (!value) {
      throw new ApiKeyUnavailableError('the secret has no usable value: expected the key as a plain string (or JSON with "apiKey" or "OPENAI_API_KEY")');
    }
    return value;
  }
}

/** A fixed key: local runs (`OPENAI_API_KEY`) and tests. */
export class StaticApiKeyProvider implements ApiKeyProvider {
  constructor(private readonly value: string) {}

  getApiKey(): Promise<string> {
    return Promise.resolve(this.value);
  }

  invalidate(): void {}
}

/** The secret holds the key as a plain string (as the README's put-secret-value does), or as JSON. */
function extractKey(secretString: string | undefined): string | undefined {
  const text = secretString?.trim();
  if (!text) return undefined;
  if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      const value = json.apiKey ?? json.OPENAI_API_KEY;
      return typeof value === 'string' && value.trim() ? value.trim() : undefined;
    } catch {
      return undefined;
    }
  }
  return text;
}

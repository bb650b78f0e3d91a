/**
 * Minimal S3 (PUT and HEAD object) and Secrets Manager endpoints on 127.0.0.1, for code that cannot be reached by
 * aws-sdk-client-mock (the built bundle carries its own copy of the SDK): the SDK finds them
 * through `AWS_ENDPOINT_URL_S3` and `AWS_ENDPOINT_URL_SECRETS_MANAGER`.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAwsRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface FakeAws {
  readonly url: string;
  /** Objects put, by `/<bucket>/<key>` path. */
  readonly objects: Map<string, string>;
  readonly requests: FakeAwsRequest[];
  close(): Promise<void>;
}

export async function startFakeAws(secretString: string): Promise<FakeAws> {
  const objects = new Map<string, string>();
  const requests: FakeAwsRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const target = request.headers['x-amz-target'];
      if (target === 'secretsmanager.GetSecretValue') {
        const { SecretId } = JSON.parse(body) as { SecretId: string };
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(
          JSON.stringify({
            ARN: SecretId,
            Name: 'openai-api-key',
            SecretString: secretString,
            VersionId: 'v1',
            VersionStages: ['AWSCURRENT'],
            CreatedDate: 1_700_000_000,
          }),
        );
        return;
      }
      if (request.method === 'HEAD') {
        // HeadObject, as the smoke test checks that a record exists.
        const stored = objects.get(decodeURIComponent((request.url ?? '').split('?')[0]));
        response.writeHead(stored === undefined ? 404 : 200, stored === undefined ? {} : { 'content-length': Buffer.byteLength(stored), etag: '"fake-etag"' });
        response.end();
        return;
      }
      if (request.method === 'PUT') {
        objects.set(decodeURIComponent((request.url ?? '').split('?')[0]), body);
        response.writeHead(200, { etag: '"fake-etag"', 'x-amz-request-id': 'FAKE' });
        response.end();
        return;
      }
      response.writeHead(400, { 'content-type': 'application/xml' });
      response.end('<Error><Code>NotImplemented</Code><Message>fake AWS does not do that</Message></Error>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

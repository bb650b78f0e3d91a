/** Asks whether moto server answers at a URL, and clears its state. */
import { request } from 'node:http';

export type ProbeResult = 'moto' | 'other' | 'nothing';

/**
 * moto answers `GET /moto-api/` with its dashboard; any other answer means another server holds
 * the port, and no answer means nothing listens.
 */
export function probeEmulator(url: URL, timeoutMs = 2000): Promise<ProbeResult> {
  return new Promise((resolvePromise) => {
    const req = request(new URL('/moto-api/', url), { method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      const server = String(res.headers.server ?? '');
      resolvePromise(res.statusCode === 200 && /Werkzeug|moto/i.test(server) ? 'moto' : 'other');
    });
    req.on('timeout', () => {
      req.destroy();
      resolvePromise('other');
    });
    req.on('error', () => resolvePromise('nothing'));
    req.end();
  });
}

/** `POST /moto-api/reset`: every service's state is dropped, as if the emulator had just started. */
export function resetEmulator(url: URL): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const req = request(new URL('/moto-api/reset', url), { method: 'POST', timeout: 10_000 }, (res) => {
      res.resume();
      if (res.statusCode === 200) resolvePromise();
      else reject(new Error(`POST ${url.origin}/moto-api/reset answered ${res.statusCode}`));
    });
    req.on('error', reject);
    req.end();
  });
}

export async function waitUntilAnswers(url: URL, timeoutMs: number, isAlive: () => boolean = () => true): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await probeEmulator(url, 1000)) === 'moto') return true;
    if (!isAlive()) return false;
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 200));
  }
  return false;
}

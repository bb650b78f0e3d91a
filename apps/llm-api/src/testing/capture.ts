/** Captures what the Powertools logger and metrics write straight to stdout/stderr (jest only). */

export interface OutputCapture {
  /** Everything written so far, stdout and stderr. */
  text(): string;
  /** Parsed JSON lines (logs and EMF blobs). */
  lines(): Record<string, unknown>[];
  clear(): void;
  restore(): void;
}

/** Swallows and records stdout/stderr: the Powertools logger and metrics write there directly. */
export function captureOutput(): OutputCapture {
  let captured = '';
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write),
  );
  return {
    text: () => captured,
    lines: () =>
      captured
        .split('\n')
        .filter((line) => line.trim().startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    clear: () => {
      captured = '';
    },
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

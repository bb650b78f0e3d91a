/**
 * A value read at most once per TTL, for values the function reads from AWS on the request path
 * (the API key, the spend alarm's state): fresh reads are shared by concurrent callers, and a
 * read that throws is not kept, so the next call reads again.
 */
export class TtlCache<T> {
  private entry: { readonly value: T; readonly readAt: number } | undefined;
  private pending: Promise<T> | undefined;

  /**
   * @param read gets the value last read (even if expired), for a reader that falls back to it
   * @param now milliseconds since the epoch; injectable so tests can move time
   */
  constructor(
    private readonly read: (previous: T | undefined) => Promise<T>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    if (this.entry && this.now() - this.entry.readAt < this.ttlMs) return Promise.resolve(this.entry.value);
    this.pending ??= this.read(this.entry?.value)
      .then((value) => {
        this.entry = { value, readAt: this.now() };
        return value;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** Forget the value: the next call reads again. */
  invalidate(): void {
    this.entry = undefined;
  }
}

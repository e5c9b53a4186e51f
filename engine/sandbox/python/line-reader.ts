/**
 * Splits a child's stdout into lines without ever holding more than `limit` bytes of one line:
 * the child is untrusted, so a line that runs past the limit is reported (and the pool kills
 * the child) instead of being buffered. `limit` may be changed from inside `onLine`, for the
 * next line (a result value has its own cap).
 */
export class LineReader {
  limit: number;
  private parts: Buffer[] = [];
  private length = 0;
  private stopped = false;

  constructor(
    limit: number,
    private readonly onLine: (line: Buffer) => void,
    private readonly onOverflow: (bytes: number) => void,
  ) {
    this.limit = limit;
  }

  push(chunk: Buffer): void {
    let start = 0;
    while (!this.stopped) {
      const nl = chunk.indexOf(10, start);
      const end = nl < 0 ? chunk.length : nl;
      if (this.length + (end - start) > this.limit) {
        this.stop(this.length + (end - start));
        return;
      }
      if (nl < 0) {
        if (end > start) {
          this.parts.push(start === 0 ? chunk : chunk.subarray(start));
          this.length += end - start;
        }
        return;
      }
      let line: Buffer;
      if (this.parts.length === 0) line = chunk.subarray(start, nl);
      else {
        this.parts.push(chunk.subarray(start, nl));
        line = Buffer.concat(this.parts, this.length + (nl - start));
        this.parts = [];
      }
      this.length = 0;
      start = nl + 1;
      this.onLine(line);
    }
  }

  /** Stop reading (the child is being killed): later chunks are dropped. */
  close(): void {
    this.stopped = true;
    this.parts = [];
  }

  private stop(bytes: number): void {
    this.close();
    this.onOverflow(bytes);
  }
}

// An append-only list of 32-bit ints (the Drain cluster of each parsed line) that keeps at most two chunks in
// memory and spills the rest to an anonymous temp file (opened, then unlinked at once, so nothing is left behind
// whatever happens to the process). This keeps parsing memory flat in the input size: 4 bytes a line on disk,
// not in RAM. Reads are sequential in practice (pass 2 walks lines in order), so one chunk is cached for reading.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const registry = new FinalizationRegistry<number>((fd) => { try { closeSync(fd); } catch { /* already closed */ } });

export class IntStore {
  private readonly chunk: number;
  private current: Int32Array;
  private fill = 0;
  private spilled = 0; // chunks written to the file
  private fd: number | undefined;
  private readChunkNo = -1;
  private readBuf: Int32Array | undefined;
  length = 0;

  constructor(chunkSize = 1 << 20) {
    this.chunk = chunkSize;
    this.current = new Int32Array(chunkSize);
  }

  push(v: number): void {
    if (this.fill === this.chunk) this.spill();
    this.current[this.fill++] = v;
    this.length++;
  }

  get(i: number): number {
    if (i < 0 || i >= this.length) throw new RangeError(`IntStore: index ${i} out of 0..${this.length - 1}`);
    const c = Math.floor(i / this.chunk);
    if (c === this.spilled) return this.current[i - c * this.chunk]!;
    if (c !== this.readChunkNo) {
      this.readBuf ??= new Int32Array(this.chunk);
      readSync(this.fd!, new Uint8Array(this.readBuf.buffer), 0, this.chunk * 4, c * this.chunk * 4);
      this.readChunkNo = c;
    }
    return this.readBuf![i - c * this.chunk]!;
  }

  /** Whether some values live on disk (for reports and tests). */
  get onDisk(): boolean {
    return this.spilled > 0;
  }

  private spill(): void {
    if (this.fd === undefined) {
      const dir = mkdtempSync(join(tmpdir(), 'logsynth-lines-'));
      const file = join(dir, 'clusters.bin');
      this.fd = openSync(file, 'w+');
      rmSync(dir, { recursive: true, force: true }); // unlinked: the open fd keeps the data, the OS frees it on close
      registry.register(this, this.fd);
    }
    writeSync(this.fd, new Uint8Array(this.current.buffer), 0, this.chunk * 4, this.spilled * this.chunk * 4);
    this.spilled++;
    this.fill = 0;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }
}

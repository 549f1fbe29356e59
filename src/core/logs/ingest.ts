// Streaming line reader for raw logs. It splits bytes itself (rather than readline over a decoded stream) so that
// each line can be decoded on its own: valid UTF-8 stays UTF-8, a line with bytes that are not UTF-8 (Latin-1
// files, a mix of both) is read as Latin-1 so no byte is lost or turned into U+FFFD. A line longer than
// `maxLineBytes` is cut (and counted) so that a file with no newlines - a 2 GB sparse file of zeros - still streams
// in bounded memory.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

export interface LogLine {
  /** 1-based line number in the file. */
  lineNo: number;
  text: string;
  /** The line was longer than maxLineBytes; `text` holds its beginning only. */
  cut?: boolean;
  /** The bytes were not valid UTF-8 and were read as Latin-1. */
  latin1?: boolean;
}

export interface ReadOptions {
  /** Stop after this many bytes (the rest of the file is not read; `capped` is reported). */
  maxBytes?: number;
  /** Stop after this many lines. */
  maxLines?: number;
  /** Longest line kept whole (default 1 MiB); longer ones are cut to this length and flagged. */
  maxLineBytes?: number;
  signal?: AbortSignal;
}

export interface ReadStats {
  lines: number;
  bytes: number;
  /** Lines read as Latin-1 because they were not valid UTF-8. */
  latin1Lines: number;
  /** Lines cut at maxLineBytes. */
  cutLines: number;
  crlf: number;
  /** The read stopped at maxBytes or maxLines before the end of the input. */
  capped: boolean;
  /** The last line had no line end (a truncated file, or just no trailing newline). */
  unterminatedLastLine: boolean;
}

export function newReadStats(): ReadStats {
  return { lines: 0, bytes: 0, latin1Lines: 0, cutLines: 0, crlf: 0, capped: false, unterminatedLastLine: false };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function decodeLine(buf: Buffer, stats: ReadStats): { text: string; latin1: boolean } {
  // Fast path: pure ASCII is by far the most common log line.
  let ascii = true;
  for (let i = 0; i < buf.length; i++) if (buf[i]! > 0x7f) { ascii = false; break; }
  if (ascii) return { text: buf.toString('latin1'), latin1: false };
  try {
    return { text: utf8.decode(buf), latin1: false };
  } catch {
    stats.latin1Lines++;
    return { text: buf.toString('latin1'), latin1: true };
  }
}

/**
 * Yields the lines of a file (path) or a byte stream, without their line ends (LF or CRLF). Memory stays bounded by
 * the read chunk size plus maxLineBytes whatever the input size. `stats` is filled in as lines are read.
 */
export async function* readLogLines(input: string | Readable, opts: ReadOptions = {}, stats: ReadStats = newReadStats()): AsyncGenerator<LogLine> {
  const maxLineBytes = opts.maxLineBytes ?? 1 << 20;
  const maxBytes = opts.maxBytes ?? Infinity;
  const maxLines = opts.maxLines ?? Infinity;
  const stream: Readable = typeof input === 'string'
    ? createReadStream(input, { highWaterMark: 1 << 20 })
    : input;
  let pending: Buffer[] = []; // pieces of the current line
  let pendingLen = 0;
  let cut = false;
  let lineNo = 0;
  const emit = (buf: Buffer): LogLine => {
    let end = buf.length;
    if (end > 0 && buf[end - 1] === 0x0d) { end--; stats.crlf++; }
    const { text, latin1 } = decodeLine(end === buf.length ? buf : buf.subarray(0, end), stats);
    lineNo++;
    stats.lines = lineNo;
    const line: LogLine = { lineNo, text };
    if (cut) { line.cut = true; stats.cutLines++; }
    if (latin1) line.latin1 = true;
    return line;
  };
  const take = (piece: Buffer): void => {
    if (cut) return;
    const room = maxLineBytes - pendingLen;
    if (piece.length > room) { if (room > 0) { pending.push(piece.subarray(0, room)); pendingLen += room; } cut = true; return; }
    pending.push(piece);
    pendingLen += piece.length;
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      if (opts.signal?.aborted) throw new Error('cancelled');
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      let from = 0;
      let budget = buf.length;
      if (stats.bytes + budget > maxBytes) { budget = Math.max(0, maxBytes - stats.bytes); stats.capped = true; }
      stats.bytes += budget;
      while (from < budget) {
        const nl = buf.indexOf(0x0a, from);
        if (nl < 0 || nl >= budget) { take(buf.subarray(from, budget)); from = budget; break; }
        let line: Buffer;
        if (pendingLen === 0 && !cut) line = buf.subarray(from, nl);
        else { take(buf.subarray(from, nl)); line = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingLen); }
        pending = []; pendingLen = 0;
        yield emit(line);
        cut = false;
        from = nl + 1;
        if (lineNo >= maxLines) { stats.capped = true; return; }
      }
      if (stats.capped) break;
    }
    if (pendingLen > 0 || cut) {
      stats.unterminatedLastLine = !stats.capped;
      const line = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingLen);
      pending = []; pendingLen = 0;
      yield emit(line);
    }
  } finally {
    if (typeof input === 'string') stream.destroy();
  }
}

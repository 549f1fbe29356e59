// Streaming line reader for raw logs. It splits bytes itself (rather than readline over a decoded stream) so that
// each line can be decoded on its own: valid UTF-8 stays UTF-8, a line with bytes that are not UTF-8 (Latin-1
// files, a mix of both) is read as Latin-1 so no byte is lost or turned into U+FFFD. A line longer than
// `maxLineBytes` is cut (and counted) so that a file with no newlines - a 2 GB sparse file of zeros - still streams
// in bounded memory.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { isAscii, isUtf8 } from 'node:buffer';

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
  if (isAscii(buf)) return { text: buf.toString('latin1'), latin1: false };
  if (isUtf8(buf)) return { text: utf8.decode(buf), latin1: false };
  stats.latin1Lines++;
  return { text: buf.toString('latin1'), latin1: true };
}

/**
 * Yields the lines of a file (path) or a byte stream, without their line ends (LF or CRLF). Memory stays bounded by
 * the read chunk size plus maxLineBytes whatever the input size. `stats` is filled in as lines are read.
 */
export async function* readLogLines(input: string | Readable, opts: ReadOptions = {}, stats: ReadStats = newReadStats()): AsyncGenerator<LogLine> {
  for await (const batch of readLogLineBatches(input, opts, stats)) yield* batch;
}

/**
 * The same lines in batches (one per read chunk): one await per chunk instead of one per line, which is most of
 * the cost of reading at several hundred thousand lines a second. A chunk of pure ASCII (the common case) is
 * decoded once and split as a string.
 */
export async function* readLogLineBatches(input: string | Readable, opts: ReadOptions = {}, stats: ReadStats = newReadStats()): AsyncGenerator<LogLine[]> {
  const maxLineBytes = opts.maxLineBytes ?? 1 << 20;
  const maxBytes = opts.maxBytes ?? Infinity;
  const maxLines = opts.maxLines ?? Infinity;
  const stream: Readable = typeof input === 'string' ? createReadStream(input, { highWaterMark: 1 << 20 }) : input;
  let pending: Buffer[] = []; // pieces of the current line
  let pendingLen = 0;
  let cut = false;
  let lineNo = 0;
  let batch: LogLine[] = [];
  const emitText = (text: string, latin1: boolean): void => {
    let t = text;
    if (t.length > 0 && t.charCodeAt(t.length - 1) === 13) { t = t.slice(0, -1); stats.crlf++; }
    lineNo++;
    const line: LogLine = { lineNo, text: t };
    if (cut) { line.cut = true; stats.cutLines++; }
    if (latin1) line.latin1 = true;
    batch.push(line);
  };
  const emit = (buf: Buffer): void => {
    const { text, latin1 } = decodeLine(buf, stats);
    emitText(text, latin1);
  };
  const take = (piece: Buffer): void => {
    if (cut) return;
    const room = maxLineBytes - pendingLen;
    if (piece.length > room) { if (room > 0) { pending.push(piece.subarray(0, room)); pendingLen += room; } cut = true; return; }
    pending.push(piece);
    pendingLen += piece.length;
  };
  const flushPending = (tail: Buffer): void => {
    take(tail);
    const line = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingLen);
    pending = []; pendingLen = 0;
    emit(line);
    cut = false;
  };
  try {
    outer: for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      if (opts.signal?.aborted) throw new Error('cancelled');
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      let budget = buf.length;
      if (stats.bytes + budget > maxBytes) { budget = Math.max(0, maxBytes - stats.bytes); stats.capped = true; }
      stats.bytes += budget;
      let from = 0;
      const first = buf.indexOf(0x0a, 0);
      if (first >= 0 && first < budget && (pendingLen > 0 || cut)) { flushPending(buf.subarray(0, first)); from = first + 1; }
      const last = budget > from ? buf.lastIndexOf(0x0a, budget - 1) : -1;
      if (last >= from) {
        const body = buf.subarray(from, last);
        if (body.length <= maxLineBytes * 2 && isAscii(body)) {
          // Fast path: whole lines of ASCII, decoded once. Lines over maxLineBytes go the slow way (cut).
          const parts = body.toString('latin1').split('\n');
          let over = false;
          for (const p of parts) if (p.length > maxLineBytes) { over = true; break; }
          if (!over) {
            for (const p of parts) {
              emitText(p, false);
              if (lineNo >= maxLines) { stats.capped = true; break outer; }
            }
            from = last + 1;
          }
        }
        while (from <= last) {
          const nl = buf.indexOf(0x0a, from);
          flushPending(buf.subarray(from, nl));
          from = nl + 1;
          if (lineNo >= maxLines) { stats.capped = true; break outer; }
        }
      }
      if (from < budget) take(buf.subarray(from, budget));
      stats.lines = lineNo;
      if (batch.length) { const b = batch; batch = []; yield b; }
      if (stats.capped) break;
    }
    if ((pendingLen > 0 || cut) && lineNo < maxLines) {
      stats.unterminatedLastLine = !stats.capped;
      flushPending(Buffer.alloc(0));
    }
    stats.lines = lineNo;
    if (batch.length) { const b = batch; batch = []; yield b; }
  } finally {
    if (typeof input === 'string') stream.destroy();
  }
}

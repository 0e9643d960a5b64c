import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/**
 * Byte ranges (RFC 9110, section 14) for the update artifacts: electron-updater resumes a cut download with one
 * range and downloads the changed blocks of a new version with many ranges in one request (multipart/byteranges).
 */
export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/** At most this many ranges in one request: electron-updater's differential downloader asks for up to 1,000. */
export const MAX_RANGES = 1000;

/**
 * The ranges a `Range` header asks for within a file of `size` bytes: null to answer the whole file (no header, a
 * unit other than bytes, a malformed header, or more ranges than allowed, which RFC 9110 lets a server ignore),
 * 'unsatisfiable' when no range overlaps the file.
 */
export function parseRange(header: string | undefined, size: number): ByteRange[] | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(.+)$/i.exec(header.trim());
  if (!m) return null;
  const specs = m[1]!.split(',');
  if (specs.length > MAX_RANGES) return null;
  const ranges: ByteRange[] = [];
  for (const raw of specs) {
    const spec = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(raw);
    if (!spec || (spec[1] === '' && spec[2] === '')) return null;
    if (spec[1] === '') {
      const suffix = Number(spec[2]);
      if (suffix > 0 && size > 0) ranges.push({ start: Math.max(0, size - suffix), end: size - 1 });
      continue;
    }
    const start = Number(spec[1]);
    const end = spec[2] === '' ? size - 1 : Math.min(Number(spec[2]), size - 1);
    if (spec[2] !== '' && Number(spec[2]) < start) return null;
    if (start < size) ranges.push({ start, end });
  }
  return ranges.length === 0 ? 'unsatisfiable' : ranges;
}

export interface RangedBody {
  status: 200 | 206;
  headers: Record<string, string>;
  body: Readable;
  contentType: string;
}

/** The answer for a file: whole, one range, or several as multipart/byteranges. */
export function rangedFile(path: string, size: number, ranges: ByteRange[] | null, contentType: string): RangedBody {
  const common = { 'Accept-Ranges': 'bytes' };
  if (!ranges) {
    return { status: 200, headers: { ...common, 'Content-Length': String(size) }, body: createReadStream(path), contentType };
  }
  if (ranges.length === 1) {
    const r = ranges[0]!;
    return {
      status: 206,
      headers: { ...common, 'Content-Range': `bytes ${r.start}-${r.end}/${size}`, 'Content-Length': String(r.end - r.start + 1) },
      body: createReadStream(path, { start: r.start, end: r.end }),
      contentType,
    };
  }
  const boundary = `sc-${randomBytes(12).toString('hex')}`;
  const heads = ranges.map((r) => Buffer.from(`\r\n--${boundary}\r\nContent-Type: ${contentType}\r\nContent-Range: bytes ${r.start}-${r.end}/${size}\r\n\r\n`));
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = heads.reduce((n, h, i) => n + h.length + (ranges[i]!.end - ranges[i]!.start + 1), tail.length);
  // A generator: backpressure is the stream's, and a client that goes away closes the file it was reading.
  async function* parts(): AsyncGenerator<Buffer> {
    for (let i = 0; i < ranges!.length; i++) {
      yield heads[i]!;
      yield* createReadStream(path, { start: ranges![i]!.start, end: ranges![i]!.end }) as AsyncIterable<Buffer>;
    }
    yield tail;
  }
  const body = Readable.from(parts(), { objectMode: false });
  return {
    status: 206,
    headers: { ...common, 'Content-Length': String(length) },
    body,
    contentType: `multipart/byteranges; boundary=${boundary}`,
  };
}

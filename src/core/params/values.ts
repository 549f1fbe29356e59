// Realistic values per kind, shaped like HDFS_v1 (collected on EC2: 10.251.x.x data nodes on port 50010,
// 64 MB blocks, blk_ ids that are signed 64-bit). Every draw goes through the session's seeded Rng.
import type { Rng } from '../util/rng';
import type { ParamKind, SlotInfo } from './classify';

export interface Endpoint {
  ip: string;
  port: number;
  host: string;
}

export interface ThrowableValue {
  /** Fully qualified class name. */
  cls: string;
  /** undefined when the throwable has no message (toString() is then the class name alone). */
  message?: string;
}

export const FULL_BLOCK_BYTES = 67108864;

/** `blk_` + a signed 64-bit decimal, like HDFS Block.toString(). */
export function blockIdValue(rng: Rng): string {
  const hi = BigInt(rng.int(0, 0xffffffff));
  const lo = BigInt(rng.int(0, 0xffffffff));
  return `blk_${BigInt.asIntN(64, (hi << 32n) | lo).toString()}`;
}

const EPHEMERAL = ['remote', 'src', 'source', 'client', 'peer', 'from'];

/** A network endpoint; the port tells a data node's transfer port from a client's ephemeral one. */
export function endpointValue(rng: Rng, exprWords: readonly string[]): Endpoint {
  const ip = `10.${rng.pick([250, 251])}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  const port = exprWords.some((w) => EPHEMERAL.includes(w)) ? rng.int(32768, 60999) : exprWords.includes('ipc') ? 50020 : exprWords.includes('http') || exprWords.includes('info') ? 50075 : 50010;
  return { ip, port, host: `ip-${ip.replace(/\./g, '-')}.ec2.internal` };
}

const JAVA_PACKAGES: Record<string, string> = {
  IOException: 'java.io', EOFException: 'java.io', InterruptedIOException: 'java.io', FileNotFoundException: 'java.io',
  SocketTimeoutException: 'java.net', ConnectException: 'java.net', SocketException: 'java.net', UnknownHostException: 'java.net',
  InterruptedException: 'java.lang', IllegalStateException: 'java.lang', IllegalArgumentException: 'java.lang',
  NullPointerException: 'java.lang', RuntimeException: 'java.lang', Exception: 'java.lang', Throwable: 'java.lang', Error: 'java.lang',
  ClosedChannelException: 'java.nio.channels', ClosedByInterruptException: 'java.nio.channels',
  ClassNotFoundException: 'java.lang', NumberFormatException: 'java.lang', UnsupportedOperationException: 'java.lang',
  IndexOutOfBoundsException: 'java.lang', ClassCastException: 'java.lang', SecurityException: 'java.lang', OutOfMemoryError: 'java.lang',
  RejectedExecutionException: 'java.util.concurrent', TimeoutException: 'java.util.concurrent', ExecutionException: 'java.util.concurrent',
  CancellationException: 'java.util.concurrent', MalformedURLException: 'java.net', URISyntaxException: 'java.net', SSLException: 'javax.net.ssl',
};

/** Throwables seen in HDFS logs; `%b` is replaced by the session's block. */
const THROWABLES: readonly ThrowableValue[] = [
  { cls: 'java.io.IOException', message: 'Connection reset by peer' },
  { cls: 'java.io.IOException', message: 'Broken pipe' },
  { cls: 'java.io.IOException', message: 'Could not read from stream' },
  { cls: 'java.io.IOException', message: 'No space left on device' },
  { cls: 'java.io.IOException', message: 'Block %b is valid, and cannot be written to.' },
  { cls: 'java.io.EOFException' },
  { cls: 'java.io.InterruptedIOException', message: 'Interruped while waiting for IO on channel java.nio.channels.SocketChannel' },
  { cls: 'java.net.SocketTimeoutException', message: 'Read timed out' },
  { cls: 'java.net.SocketTimeoutException', message: '60000 millis timeout while waiting for channel to be ready for read' },
  { cls: 'java.net.ConnectException', message: 'Connection refused' },
  { cls: 'java.net.SocketException', message: 'Connection reset' },
  { cls: 'java.nio.channels.ClosedByInterruptException' },
];

/** A throwable of the declared type when there is one, else a typical I/O failure. */
export function exceptionValue(rng: Rng, declaredType: string | undefined, session: SessionRefs): ThrowableValue {
  const simple = (declaredType ?? '').replace(/<.*$/, '').split('.').pop() ?? '';
  const generic = simple === '' || /^(Exception|Throwable|Error|IOException)$/.test(simple);
  // Every throwable listed is an IOException, so any of them fits a generic or IOException-typed variable.
  const candidates = generic ? THROWABLES : THROWABLES.filter((t) => t.cls.endsWith(`.${simple}`));
  const t = candidates.length > 0 ? rng.pick(candidates)
    : { cls: JAVA_PACKAGES[simple] ? `${JAVA_PACKAGES[simple]}.${simple}` : (declaredType ?? simple), message: rng.pick(['null', 'Operation failed', 'Unexpected state']) };
  return t.message?.includes('%b') ? { cls: t.cls, message: t.message.replace('%b', session.block()) } : t;
}

const SKIP_WORDS = new Set(['get', 'to', 'string', 'name', 'value', 'this', 'str', 'text']);

/** The most specific word of an expression, capitalized (`getJobName()` -> `Job`). */
function noun(words: readonly string[]): string {
  const w = [...words].reverse().find((x) => x.length > 1 && !SKIP_WORDS.has(x)) ?? words.find((x) => x.length > 1) ?? 'item';
  return `${w[0]!.toUpperCase()}${w.slice(1)}`;
}

const USERS = ['root', 'hadoop', 'hdfs', 'mapred', 'alice', 'bob'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Scalar kinds (no shared entity). `block` gives the session's primary block, creating it when needed. */
/** Session-wide things a scalar value may refer to. */
export interface SessionRefs {
  /** The session's primary block, created on first use. */
  block(): string;
  /** The session's data directory (volume), created on first use. */
  dataDir(): string;
}

const DIR_WORDS = new Set(['dir', 'directory', 'dirs', 'volume', 'vol', 'storage', 'disk', 'root', 'base', 'folder', 'home']);

function lastWord(text: string): string {
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).pop() ?? '';
}

export function dataDirValue(rng: Rng): string {
  return rng.pick(['/mnt/hadoop/dfs/data', '/mnt/hadoop/dfs/data', '/mnt/disk1/hadoop/dfs/data', '/mnt/disk2/hadoop/dfs/data', '/mnt/disk3/hadoop/dfs/data']);
}

export function scalarValue(kind: ParamKind, rng: Rng, words: readonly string[], s: SlotInfo, session: SessionRefs): string {
  switch (kind) {
    case 'path': {
      if (words.includes('url')) {
        return `http://ip-10-251-${rng.int(0, 255)}-${rng.int(1, 254)}.ec2.internal:50075/browseDirectory.jsp?dir=%2Fuser%2Froot&namenodeInfoPort=50070`;
      }
      // A directory, volume or disk: the session's data directory (one volume per session).
      if (words.some((w) => DIR_WORDS.has(w)) || DIR_WORDS.has(lastWord(s.before))) return session.dataDir();
      // A file of a block or replica: the block's file in that data directory, as FSDataset lays them out.
      const aboutBlock = /\b(block|blocks|blk|replica|replicas)\b/i.test(s.template ?? s.before);
      if (aboutBlock || words.some((w) => ['block', 'blk', 'meta', 'replica'].includes(w))) {
        const meta = words.includes('meta') ? `_${rng.int(1000, 1999)}.meta` : '';
        return `${session.dataDir()}/current/subdir${rng.int(0, 63)}/${session.block()}${meta}`;
      }
      const task = `task_200811092030_${pad(rng.int(1, 9), 4)}_m_${pad(rng.int(0, 1999), 6)}_0`;
      return rng.pick([
        `/user/root/rand/_temporary/_${task}/part-${pad(rng.int(0, 1999), 5)}`,
        `/user/root/randtxt${rng.int(1, 9)}/part-${pad(rng.int(0, 1999), 5)}`,
        `/mnt/hadoop/mapred/system/job_200811092030_${pad(rng.int(1, 9), 4)}/job.jar`,
      ]);
    }
    case 'bytes':
      if (words.includes('offset') || words.includes('pos') || words.includes('position') || /\boffset\W*$/i.test(s.before)) return String(rng.int(0, FULL_BLOCK_BYTES / 512) * 512);
      // Block sizes are mostly full 64 MB blocks; other sizes (buffers, requests) spread log-uniformly up to 1 MB.
      if (words.some((w) => ['block', 'blk', 'blocks', 'replica'].includes(w)) || /\b(block|replica)\b/i.test(s.template ?? s.before)) return String(rng.next() < 0.55 ? FULL_BLOCK_BYTES : rng.int(1, FULL_BLOCK_BYTES - 1));
      return String(Math.floor(Math.exp(rng.next() * Math.log(1 << 20))));
    case 'durationMs':
      return String(rng.next() < 0.7 ? rng.int(1, 60) : rng.int(61, 60000));
    case 'count':
      if (/^(double|float|Double|Float)$/.test(s.type ?? '')) return (rng.int(0, 10000) / 100).toFixed(2);
      // Pipelines in HDFS have 3 replicas: responder / target indexes are 0..2.
      if (words.some((w) => ['target', 'targets', 'replica', 'replicas', 'responder', 'responders', 'i', 'index', 'idx', 'xceiver'].includes(w))) return String(rng.int(0, 2));
      return String(rng.int(1, 20));
    case 'id':
      return String(rng.int(1, 999999));
    case 'user':
      return rng.pick(USERS);
    case 'boolean':
      return rng.pick(['true', 'false']);
    case 'enumWord': {
      const about = s.template ?? s.before;
      if (words.includes('status')) {
        if (words.some((w) => ['response', 'http', 'code'].includes(w)) || /\b(http|request|response)\b/i.test(about)) return String(rng.pick([200, 200, 200, 204, 301, 302, 304, 400, 403, 404, 500, 503]));
        // HDFS pipeline acks: 0 is SUCCESS.
        if (/^(int|Integer|short|Short|byte)$/.test(s.type ?? '')) return String(rng.pick([0, 0, 0, 1, 2]));
        if (/\b(ack|acks|pipeline|block|replied)\b/i.test(about)) return rng.pick(['SUCCESS', 'SUCCESS', 'ERROR', 'ERROR_CHECKSUM']);
      }
      if (words.includes('type') && /\b(responder|pipeline)\b/i.test(about)) return rng.pick(['LAST_IN_PIPELINE', 'HAS_DOWNSTREAM_IN_PIPELINE', 'NON_PIPELINE']);
      if (words.includes('op')) return rng.pick(['WRITE_BLOCK', 'READ_BLOCK', 'COPY_BLOCK', 'REPLACE_BLOCK', 'BLOCK_CHECKSUM']);
      if (words.includes('mode')) return rng.pick(['SAFEMODE', 'ACTIVE', 'STANDBY']);
      if (words.includes('level')) return rng.pick(['INFO', 'WARN']);
      if (words.some((w) => ['replica', 'block', 'blk'].includes(w))) return rng.pick(['FINALIZED', 'RBW', 'RWR', 'RUR', 'TEMPORARY']);
      return rng.pick(['STARTING', 'STARTED', 'RUNNING', 'STOPPING', 'STOPPED', 'IDLE']);
    }
    default: {
      const e = s.expr.trim();
      // `this` and plain objects print as Object.toString(): `SimpleName@hex`.
      if (e === 'this' || /^this$|^[A-Z]\w*\.this$/.test(e)) {
        const cls = (e === 'this' ? s.className ?? 'Object' : e.slice(0, -5)).split(/[.$]/).pop();
        return `${cls}@${rng.int(0x100000, 0x7fffffff).toString(16)}`;
      }
      if (words.includes('thread')) return `Thread-${rng.int(0, 99)}`;
      // An object of a declared class prints as Object.toString() unless the class overrides it: `HttpConnection@6f2b958e`.
      const type = (s.type ?? '').replace(/<.*$/, '');
      if (/^(List|Set|Collection|ArrayList|HashSet|Iterable)$/.test(type) || /\[\]$/.test(type)) return `[${noun(words)}-${rng.int(0, 9)}, ${noun(words)}-${rng.int(10, 19)}]`;
      if (/^[A-Z]/.test(type) && !/^(String|Object|CharSequence|StringBuilder|StringBuffer|Map|HashMap|Optional|Character)$/.test(type)) {
        return `${type.split('.').pop()}@${rng.int(0x100000, 0x7fffffff).toString(16)}`;
      }
      // Free text: the expression's own most specific word reads naturally (`jobName` -> "Job-7").
      return `${noun(words)}-${rng.int(0, 99)}`;
    }
  }
}

// Decides what kind of value a template slot holds, from what the source says about it: the expression
// (`block.getBlockId()`, `s.getRemoteSocketAddress()`), its declared type, and the template words around
// the slot ("of size <*>"). The kind drives value synthesis (values.ts), so a slot gets a realistic,
// HDFS-like value instead of a random string.
import type { LogParam, LogStatement } from '../model';

export type ParamKind =
  | 'blockId' //          blk_-1608999687919862906 (HDFS Block.toString(); signed 64-bit)
  | 'ipv4' //             10.251.43.21
  | 'ipPort' //           10.251.43.21:50010
  | 'slashIpPort' //      /10.251.43.21:50010 (InetSocketAddress.toString())
  | 'inetAddress' //      /10.251.43.21 (InetAddress.toString() of an unresolved address)
  | 'port' //             50010
  | 'host' //             datanode-07.cluster.local
  | 'path' //             /user/root/rand/part-00012
  | 'bytes' //            67108864
  | 'durationMs' //       1534
  | 'count' //            3
  | 'id' //               4711
  | 'user' //             hadoop
  | 'exceptionClass' //   java.io.IOException
  | 'exceptionMessage' // Connection reset by peer
  | 'exception' //        java.io.IOException: Connection reset by peer (a Throwable printed by toString())
  | 'boolean' //          true
  | 'enumWord' //         FINALIZED
  | 'text'; //            free text fallback

/** Everything classification looks at for one slot. */
export interface SlotInfo {
  expr: string;
  type?: string;
  /** Class of the logging call (for `this`, which Java prints as `Class@hash`). */
  className?: string;
  /** The whole template: what the message is about ("block", "replica") shapes sizes and paths. */
  template?: string;
  /** Template words before the slot (LogParam.context, or taken from the template). */
  before: string;
  /** Template text right after the slot, up to the next slot. */
  after: string;
}

/** The pieces of a template around its `<*>` slots: n slots give n+1 literal pieces. */
export function templatePieces(template: string): string[] {
  return template.split('<*>');
}

export function slotCount(template: string): number {
  return templatePieces(template).length - 1;
}

/** What the statement says about slot `index` (params may be missing or short when the indexer could not tell). */
export function slotInfo(log: LogStatement, index: number): SlotInfo {
  const pieces = templatePieces(log.template);
  const p: LogParam | undefined = log.params[index];
  const literalBefore = pieces[index] ?? '';
  return {
    expr: p?.expr ?? '',
    type: p?.type,
    className: log.className,
    template: log.template,
    // The template literal right before the slot is the most precise context ("src: /"); fall back to the indexer's.
    before: literalBefore.trim() !== '' ? literalBefore : (p?.context ?? ''),
    after: pieces[index + 1] ?? '',
  };
}

/** Identifier-ish words of an expression, lower-cased, camelCase split: `b.getBlockId()` -> [b, get, block, id]. */
export function exprWords(expr: string): string[] {
  const out: string[] = [];
  for (const ident of expr.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? []) {
    for (const w of ident.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').split(/[\s_$]+/)) {
      if (w) out.push(w.toLowerCase());
    }
  }
  return out;
}

function lastWords(text: string, n: number): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).slice(-n);
}

const has = (words: readonly string[], ...wanted: string[]): boolean => wanted.some((w) => words.includes(w));

const EXCEPTION_TYPE = /(Exception|Throwable|Error)$/;
const SOCKET_ADDRESS_TYPE = /^(InetSocketAddress|SocketAddress)$/;
const DATANODE_TYPE = /^(DatanodeInfo|DatanodeID|DatanodeDescriptor|DatanodeRegistration|DatanodeDetails)$/;
const BLOCKISH_TYPE = /^(Block|BlockInfo|ExtendedBlock|LocatedBlock|long|Long|String|Object|CharSequence)$/;
const NUMERIC_TYPE = /^(int|long|short|byte|Integer|Long|Short|Byte|AtomicInteger|AtomicLong|double|float|Double|Float)$/;

/** The kind of value for one slot. Ordered rules: the most specific evidence (type, accessor) wins. */
export function classifySlot(s: SlotInfo): ParamKind {
  const type = (s.type ?? '').replace(/<.*$/, '').replace(/\[\]$/, '').split('.').pop() ?? '';
  const w = exprWords(s.expr);
  const last = w[w.length - 1] ?? '';
  const ctx = lastWords(s.before, 3);
  const ctxLast = ctx[ctx.length - 1] ?? '';
  const slashBefore = /\/\s*$/.test(s.before);
  const numericType = NUMERIC_TYPE.test(type);

  // Booleans: declared type or a predicate name.
  if (/^(boolean|Boolean)$/.test(type) || /^!/.test(s.expr.trim()) || /^(is|has|should|can)[A-Z]/.test(s.expr.replace(/^.*\./, ''))) return 'boolean';

  // Exceptions: by type, by accessor, or by the conventional names of a caught Throwable.
  const exceptionish = EXCEPTION_TYPE.test(type) || /^(e|ex|e\d|t|th|ioe|ie|exc|exception|cause|err|throwable)$/i.test(w[0] ?? '') && w.length <= 6 && !numericType && s.expr.trim() !== '';
  if (exceptionish) {
    if (has(w, 'message') || /getMessage|getLocalizedMessage/.test(s.expr)) return 'exceptionMessage';
    if (/getClass\(\)/.test(s.expr)) return 'exceptionClass';
    return 'exception'; // toString(), StringUtils.stringifyException(e): `java.io.IOException: message`
  }
  if (/stringifyException/.test(s.expr)) return 'exception';

  // Quantities first, so `blockSize`, `numBlocks`, `blocks.size()` are not block ids.
  if (has(w, 'size', 'bytes', 'len', 'length', 'offset', 'pos', 'position', 'capacity', 'remaining', 'used') && !/\.size\(\)$|\.length$/.test(s.expr.trim())) return 'bytes';
  if (/\.size\(\)$|\.length$/.test(s.expr.trim())) return 'count';
  if (has(w, 'num', 'count', 'total', 'retries', 'attempts', 'replicas', 'replication', 'xceiver', 'responders')) return 'count';
  if (has(w, 'ms', 'millis', 'msec', 'duration', 'elapsed', 'latency', 'timeout', 'delay', 'interval', 'period', 'took', 'nanos')) return 'durationMs';

  // The block (an unrelated class that happens to be called a block, like Character.UnicodeBlock, is not).
  if ((has(w, 'block', 'blk', 'blocks', 'blks') && (type === '' || BLOCKISH_TYPE.test(type))) || /^Block$/.test(type)) return 'blockId';

  // Network endpoints.
  if (SOCKET_ADDRESS_TYPE.test(type) || has(w, 'socket') && has(w, 'address')) return slashBefore ? 'ipPort' : 'slashIpPort';
  if (s.expr.includes('":"')) return 'ipPort';
  // InetAddress.toString() (`s.getInetAddress()`, HDFS's `inAddr`) prints `/ip`.
  if (/^InetAddress$/.test(type) || has(w, 'inet') && !has(w, 'socket') || w[0] === 'in' && has(w, 'addr')) return slashBefore ? 'ipv4' : 'inetAddress';
  if (DATANODE_TYPE.test(type) || has(w, 'datanode', 'datanodes', 'dn', 'target', 'targets', 'mirror', 'node', 'nodes', 'endpoint', 'machine', 'addr', 'address')) {
    if (has(w, 'port')) return 'port';
    if (has(w, 'host', 'hostname')) return 'host';
    if (has(w, 'ip')) return 'ipv4';
    return 'ipPort';
  }
  if (has(w, 'port')) return 'port';
  if (has(w, 'ip')) return 'ipv4';
  if (has(w, 'host', 'hostname', 'servername') || last === 'server' || has(w, 'server') && last === 'name') return 'host';

  // Files and paths.
  if (/^(File|Path)$/.test(type) || has(w, 'path', 'file', 'filename', 'dir', 'directory', 'src', 'dst', 'uri', 'url')) return 'path';

  if (has(w, 'user', 'username', 'owner', 'ugi', 'principal', 'group') && !has(w, 'table', 'class', 'role', 'count')) return 'user';
  if (has(w, 'status') || (!numericType && (has(w, 'state', 'mode', 'op', 'phase', 'level', 'action', 'type') || /(State|Status|Mode|Op|Type|Phase)$/.test(type)))) return 'enumWord';
  if (['id', 'ids', 'pid', 'seq', 'generation', 'stamp', 'gs'].includes(last) || has(w, 'id') && numericType) return 'id';
  if (['index', 'idx', 'i', 'j'].includes(last)) return 'count';

  // Nothing in the expression: let the template words decide (also the path when params are missing).
  if (ctxLast === 'block' || ctxLast === 'blocks' || ctx.includes('blk')) return 'blockId';
  if (['size', 'bytes', 'length', 'len', 'numbytes', 'offset'].includes(ctxLast)) return 'bytes';
  if (ctxLast === 'port') return 'port';
  if (/^(src|dest|from|to|node|mirror|target|targets)$/.test(ctxLast) && slashBefore) return 'ipPort';
  if (ctx.includes('datanode') || ctx.includes('datanodes')) return 'ipPort';
  if (ctxLast === 'file' || ctxLast === 'path' || ctxLast === 'dir') return 'path';
  if (ctxLast === 'user') return 'user';
  if (ctxLast === 'ms' || /^\s*ms\b/.test(s.after)) return 'durationMs';
  if (/^\s*(ms|msec|millis|milliseconds)\b/.test(s.after)) return 'durationMs';
  if (/^\s*(bytes|B)\b/.test(s.after)) return 'bytes';
  if (numericType) return has(w, 'id') ? 'id' : 'count';
  if (/^(char|Character|String|Object|)$/.test(type) && ctxLast === 'exception') return 'exception';
  return 'text';
}

export function classifyParam(log: LogStatement, index: number): ParamKind {
  return classifySlot(slotInfo(log, index));
}

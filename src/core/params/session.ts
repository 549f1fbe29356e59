// Runtime parameter values for one session (one synthesized execution). A value that names the same thing
// stays the same through the session: slots are keyed by kind + the expression's root variable and the
// members that change its meaning (`s.getRemoteSocketAddress()` vs `s.getLocalSocketAddress()`), with
// identity accessors (`getBlockId()`, `toString()`, `getName()`) dropped. Network slots of one root share an
// endpoint (so `dn`, `dn.getHost()` and `dn.getPort()` agree), exception slots of one root share a throwable,
// and the session has one primary block that every un-qualified block slot names. Values come only from the
// session's seeded Rng, so a session is reproducible and different sessions differ.
import type { LogStatement } from '../model';
import type { Rng } from '../util/rng';
import { classifySlot, exprWords, slotCount, slotInfo, type ParamKind, type SlotInfo } from './classify';
import { blockIdValue, dataDirValue, endpointValue, exceptionValue, scalarValue, type Endpoint, type ThrowableValue } from './values';

export interface ParamSession {
  readonly rng: Rng;
  /** The session's main block (`blk_...`), set by the first block slot filled (or by the caller up front). */
  primaryBlock?: string;
  /** The session's data directory (volume), set by the first directory slot or block file filled. */
  dataDir?: string;
  /** Every value handed out, by key (for tests and for callers that want to show them). */
  readonly values: Map<string, string>;
  readonly endpoints: Map<string, Endpoint>;
  readonly throwables: Map<string, ThrowableValue>;
}

export function createSession(rng: Rng): ParamSession {
  return { rng, values: new Map(), endpoints: new Map(), throwables: new Map() };
}

const NETWORK: ReadonlySet<ParamKind> = new Set(['ipv4', 'inetAddress', 'ipPort', 'slashIpPort', 'port', 'host']);
const EXCEPTION: ReadonlySet<ParamKind> = new Set(['exception', 'exceptionClass', 'exceptionMessage']);

// Accessors that return the same thing seen differently: dropping them makes `block` and `block.getBlockId()` one key.
const IDENTITY = /^(toString|getName|getId|getBlockId|getBlockName|getBlock|get|value|valueOf|intValue|longValue|name|id|length|size)$/;
const NETWORK_ACCESSOR = /^(getHost|getHostName|getHostAddress|getPort|getAddress|getInetAddress|getIpAddr|getXferPort|getXferAddr|getSelfAddr|getAddr|host|port|addr|ip)$/;
const EXCEPTION_ACCESSOR = /^(getMessage|getLocalizedMessage|getClass|getSimpleName|getCanonicalName)$/;
// Block variables named like these are a second block (a replacement, a source, ...), not the primary one.
const OTHER_BLOCK = /^(old|new|prev|previous|next|other|last|src|dst|source|target|orig|original|stored|reported|stale|tmp|temp)/i;

/** `this.block.getBlockId()` -> { root: 'block', members: [] }; `s.getRemoteSocketAddress()` -> { root: 's', members: ['getRemoteSocketAddress'] }. */
export function exprKey(expr: string, kind: ParamKind): { root: string; members: string[] } {
  let e = expr.replace(/\s+/g, '').replace(/^this\./, '');
  e = e.replace(/^\((?:[A-Za-z_$][\w$.]*(?:\[\])?)\)/, ''); // a cast
  const wrapped = /^(?:String\.valueOf|Objects\.toString|[A-Z][\w$]*\.toString|StringUtils\.stringifyException)\((.*)\)$/.exec(e);
  if (wrapped) e = wrapped[1]!;
  const idents = e.replace(/"(?:[^"\\]|\\.)*"/g, '').match(/[A-Za-z_$][\w$]*/g) ?? [];
  const [root = '', ...rest] = idents.filter((i) => i !== 'this');
  const members = rest.filter((m) => !IDENTITY.test(m) && !(NETWORK.has(kind) && NETWORK_ACCESSOR.test(m)) && !(EXCEPTION.has(kind) && EXCEPTION_ACCESSOR.test(m)));
  return { root, members };
}

function slotKey(s: SlotInfo, kind: ParamKind): string {
  const { root, members } = exprKey(s.expr, kind);
  // `e` in two catch blocks of different types are two throwables; `listener` typed differently, two objects.
  if ((EXCEPTION.has(kind) || kind === 'text') && s.type) members.push(`:${s.type}`);
  if (root === '') {
    // No source expression: tell slots apart by the template words before them ("src:" vs "dest:").
    return `@${(s.before.toLowerCase().match(/[a-z0-9]+/g) ?? []).slice(-2).join(' ')}`;
  }
  return [root, ...members].join('.');
}

function group(kind: ParamKind): string {
  return NETWORK.has(kind) ? 'net' : EXCEPTION.has(kind) ? 'exc' : kind;
}

/** What a slot needs to be filled: derived from the statement alone, so computed once per statement. */
export interface SlotPlan {
  slot: SlotInfo;
  kind: ParamKind;
  words: string[];
  key: string;
  root: string;
}

export function planSlot(slot: SlotInfo, kind: ParamKind = classifySlot(slot)): SlotPlan {
  return { slot, kind, words: exprWords(slot.expr), key: slotKey(slot, kind), root: exprKey(slot.expr, kind).root };
}

/** The value of one slot, reusing the session's value for the same thing. */
export function valueFor(s: SlotInfo, kind: ParamKind, session: ParamSession): string {
  return valueOf(planSlot(s, kind), session);
}

function valueOf(plan: SlotPlan, session: ParamSession): string {
  const { slot: s, kind, words, key, root } = plan;
  const rng = session.rng;
  const block = (): string => (session.primaryBlock ??= blockIdValue(rng));
  const refs = { block, dataDir: (): string => (session.dataDir ??= dataDirValue(rng)) };
  let value: string;
  if (kind === 'blockId') {
    const mapKey = `blockId:${key}`;
    if (root !== '' && OTHER_BLOCK.test(root)) {
      value = session.values.get(mapKey) ?? blockIdValue(rng);
    } else {
      value = block();
    }
    session.values.set(mapKey, value);
    // A template that writes `blk_` itself wants only the number.
    return /blk_$/.test(s.before) ? value.slice(4) : value;
  }
  const mapKey = `${group(kind)}:${key}`;
  if (NETWORK.has(kind)) {
    let ep = session.endpoints.get(mapKey);
    if (!ep) { ep = endpointValue(rng, words); session.endpoints.set(mapKey, ep); }
    value = kind === 'ipv4' ? ep.ip : kind === 'inetAddress' ? `/${ep.ip}` : kind === 'port' ? String(ep.port) : kind === 'host' ? ep.host
      : kind === 'slashIpPort' ? `/${ep.ip}:${ep.port}` : `${ep.ip}:${ep.port}`;
  } else if (EXCEPTION.has(kind)) {
    let t = session.throwables.get(mapKey);
    if (!t) { t = exceptionValue(rng, s.type, refs); session.throwables.set(mapKey, t); }
    value = kind === 'exceptionClass' ? t.cls : kind === 'exceptionMessage' ? (t.message ?? 'null')
      : t.message === undefined ? t.cls : `${t.cls}: ${t.message}`;
  } else {
    const known = session.values.get(mapKey);
    value = known ?? scalarValue(kind, rng, words, s, refs);
  }
  session.values.set(`${kind}:${key}`, value);
  return value;
}

/** Values for every `<*>` slot of a log statement, in order. */
export function fill(log: LogStatement, session: ParamSession): string[] {
  return slotsOf(log).map((plan) => valueOf(plan, session));
}

// A statement is filled once per session that passes through it: plan its slots once.
const planned = new WeakMap<LogStatement, SlotPlan[]>();

/** Each slot of a statement with its kind and session key (cached per statement object). */
export function slotsOf(log: LogStatement): SlotPlan[] {
  let slots = planned.get(log);
  if (!slots) {
    slots = [];
    for (let i = 0, n = slotCount(log.template); i < n; i++) slots.push(planSlot(slotInfo(log, i)));
    planned.set(log, slots);
  }
  return slots;
}

// A logging call -> level, template, parameters, exception. The message expression is evaluated to
// "pieces" the way Java evaluates it (string concatenation, constant folding, String.format,
// MessageFormat), then the logging library's own placeholder syntax is applied.
import type { LogLevel } from '../model';
import type { SyntaxNode } from './parser';
import { LEVEL_METHODS, levelOfExpr, type LoggerInfo } from './loggers';
import { charLiteralValue, stringLiteralValue } from './strings';
import { namedKids, unparen } from './syntax';
import { applyBraces, applyMessageFormat, applyPrintf, normalizePieces, piecesToTemplate, type ArgValue, type Piece } from './template';
import type { LogParam } from '../model';

/** What the evaluator needs to know about names. */
export interface ExprEnv {
  typeOf(n: SyntaxNode): string | undefined;
  /** The pieces of a compile-time constant named by an identifier or `X.NAME`, if it is one. */
  constant(n: SyntaxNode): Piece[] | undefined;
  isCatchParam(name: string): boolean;
}

const NUMERIC = new Set(['int', 'long', 'short', 'byte', 'char', 'float', 'double', 'Integer', 'Long', 'Short', 'Byte', 'Double', 'Float']);

type Kind = 'str' | 'num' | 'other';

function operandKind(n: SyntaxNode, env: ExprEnv): Kind {
  const t = env.typeOf(n);
  if (t === 'String') return 'str';
  if (t && NUMERIC.has(t)) return 'num';
  return 'other';
}

/** The printed text of a literal in string context, or undefined when Java's formatting would differ. */
function literalText(n: SyntaxNode): string | undefined {
  try {
    return literalTextOrThrow(n);
  } catch {
    return undefined; // malformed number in broken code
  }
}

function literalTextOrThrow(n: SyntaxNode): string | undefined {
  switch (n.type) {
    case 'string_literal': return stringLiteralValue(n.text);
    case 'character_literal': return charLiteralValue(n.text);
    case 'true': case 'false': case 'null_literal': return n.text;
    case 'decimal_integer_literal': return String(BigInt(n.text.replace(/[_lL]/g, '')));
    case 'hex_integer_literal': case 'octal_integer_literal': case 'binary_integer_literal': {
      const t = n.text.replace(/[_lL]/g, '');
      if (/[lL]$/.test(n.text)) return String(BigInt.asIntN(64, BigInt(t.replace(/^0(?=[0-7])/, '0o'))));
      return String(BigInt.asIntN(32, BigInt(t.replace(/^0(?=[0-7])/, '0o'))));
    }
    default: return undefined;
  }
}

function slot(n: SyntaxNode, env: ExprEnv): Piece {
  const type = env.typeOf(n);
  const param: LogParam = { expr: n.text };
  if (type) param.type = type;
  return { param };
}

const MAX_FORMAT_NESTING = 16;

/**
 * Evaluates a message expression to pieces. Iterative over `+` chains and parentheses (generated code nests
 * them thousands deep); only String.format / MessageFormat arguments recurse, and that depth is bounded.
 */
export function evalPieces(root: SyntaxNode, env: ExprEnv, nesting = 0): Piece[] {
  const out: Piece[] = [];
  const work: (SyntaxNode | Piece)[] = [root];
  while (work.length) {
    const item = work.pop()!;
    if (!('type' in item)) { out.push(item); continue; }
    const n = unparen(item);
    const lit = literalText(n);
    if (lit !== undefined) { out.push({ lit }); continue; }
    const nt = n.type;
    if (nt === 'identifier' || nt === 'field_access') {
      const c = env.constant(n);
      if (c) { out.push(...c); continue; }
      out.push(slot(n, env));
      continue;
    }
    if (nt === 'binary_expression' && n.childForFieldName('operator')?.type === '+') {
      // Flatten the left spine: ((a + b) + c) + d -> [a, b, c, d].
      const ops: SyntaxNode[] = [];
      let cur: SyntaxNode = n;
      while (cur.type === 'binary_expression' && cur.childForFieldName('operator')?.type === '+') {
        const r = cur.childForFieldName('right');
        const l = cur.childForFieldName('left');
        if (!r || !l) break;
        ops.push(r);
        cur = unparen(l);
      }
      ops.push(cur);
      ops.reverse();
      const kinds = ops.map((o) => operandKind(o, env));
      const firstStr = kinds.indexOf('str');
      const items: (SyntaxNode | Piece)[] = [];
      if (firstStr < 0 && kinds.every((k) => k === 'num')) {
        // numeric addition: one value
        items.push(slot(n, env));
      } else if (firstStr > 1 && kinds.slice(0, firstStr).every((k) => k === 'num')) {
        // `a + b + "x"`: the leading numbers add up before the concatenation
        const head = ops.slice(0, firstStr);
        const allLit = head.every((o) => unparen(o).type === 'decimal_integer_literal');
        if (allLit) items.push({ lit: String(head.reduce((s, o) => s + BigInt(unparen(o).text.replace(/[_lL]/g, '')), 0n)) });
        else items.push({ param: { expr: head.map((o) => o.text).join(' + '), type: 'int' } });
        items.push(...ops.slice(firstStr));
      } else items.push(...ops);
      for (let i = items.length - 1; i >= 0; i--) work.push(items[i]!);
      continue;
    }
    if (nt === 'lambda_expression') {
      // a message supplier `() -> "text " + x` (log4j2, JUL): what it returns is the message
      const params = n.childForFieldName('parameters');
      const body = n.childForFieldName('body');
      if (params?.type === 'formal_parameters' && namedKids(params).length === 0 && body && body.type !== 'block') { work.push(body); continue; }
    }
    if (nt === 'method_invocation' && nesting < MAX_FORMAT_NESTING) {
      const f = formatCall(n, env, nesting);
      if (f) { out.push(...f); continue; }
    }
    out.push(slot(n, env));
  }
  return normalizePieces(out);
}

/** `String.format(...)`, `MessageFormat.format(...)`, `"...".formatted(...)` evaluated; undefined for other calls. */
function formatCall(n: SyntaxNode, env: ExprEnv, nesting: number): Piece[] | undefined {
  const name = n.childForFieldName('name')?.text;
  const obj = n.childForFieldName('object');
  const argsNode = n.childForFieldName('arguments');
  const args = argsNode ? namedKids(argsNode) : [];
  const objText = obj?.text;
  if (name === 'format' && (objText === 'String' || objText === 'java.lang.String')) {
    let i = 0;
    if (args[0] && env.typeOf(args[0]) !== 'String' && unparen(args[0]).type !== 'string_literal' && args.length > 1) i = 1; // Locale first
    if (!args[i]) return undefined;
    return applyPrintf(evalPieces(args[i]!, env, nesting + 1), args.slice(i + 1).map((a) => argValue(a, env, nesting + 1)));
  }
  if (name === 'formatted' && obj) return applyPrintf(evalPieces(obj, env, nesting + 1), args.map((a) => argValue(a, env, nesting + 1)));
  if (name === 'format' && (objText === 'MessageFormat' || objText === 'java.text.MessageFormat') && args[0]) {
    return applyMessageFormat(evalPieces(args[0], env, nesting + 1), expandArray(args.slice(1)).map((a) => argValue(a, env, nesting + 1)));
  }
  if (name === 'valueOf' && objText === 'String' && args.length === 1) {
    const v = argValue(args[0]!, env, nesting + 1);
    return v.pieces.every((p) => 'lit' in p) ? v.pieces : [slot(args[0]!, env)];
  }
  return undefined;
}

/** A formatting argument: literal arguments fold into the text, anything else is one slot. */
export function argValue(n: SyntaxNode, env: ExprEnv, nesting = 0): ArgValue {
  const u = unparen(n);
  const type = env.typeOf(n);
  const ut = u.type;
  const simple = literalText(u) !== undefined || ut === 'identifier' || ut === 'field_access' || ut === 'binary_expression';
  const pieces = simple ? evalPieces(n, env, nesting) : [slot(n, env)];
  return { pieces: pieces.length ? pieces : [{ lit: '' }], expr: n.text, ...(type ? { type } : {}) };
}

/** `new Object[]{a, b}` passed as the varargs array -> its elements. */
function expandArray(args: SyntaxNode[]): SyntaxNode[] {
  if (args.length !== 1) return args;
  const a = unparen(args[0]!);
  if (a.type !== 'array_creation_expression') return args;
  const init = namedKids(a).find((k) => k.type === 'array_initializer');
  return init ? namedKids(init) : args;
}

const THROWABLE_NAME = /^(e|ex|exc|exception|t|th|thr|throwable|cause|err|ioe|ie|re|npe|ite|ee|te)$/;

/** A Throwable argument: declared type, catch parameter, `new XException(...)`, `e.getCause()`, or a conventional name with no declaration in view. */
export function isThrowable(n: SyntaxNode, env: ExprEnv): boolean {
  const u = unparen(n);
  const type = env.typeOf(u);
  if (type) return /(Exception|Error|Throwable)$/.test(type);
  if (u.type === 'identifier') return env.isCatchParam(u.text) || THROWABLE_NAME.test(u.text);
  if (u.type === 'method_invocation') return /^(getCause|getTargetException|getException)$/.test(u.childForFieldName('name')?.text ?? '');
  return false;
}

export interface ExtractedLog {
  level: LogLevel;
  template: string;
  params: LogParam[];
  exception?: string;
}

/**
 * Reads a logging call on a known logger. Undefined when the method is not a logging one (`isDebugEnabled`,
 * `setLevel`, ...) or has no message argument.
 */
export function extractLog(call: SyntaxNode, logger: LoggerInfo, env: ExprEnv): ExtractedLog | undefined {
  const method = call.childForFieldName('name')?.text ?? '';
  const argsNode = call.childForFieldName('arguments');
  const args = argsNode ? namedKids(argsNode) : [];
  let level: LogLevel | undefined = LEVEL_METHODS[method];
  let msgIdx = 0;
  let julLevel = false;
  if (!level) {
    if (method !== 'log' && method !== 'logp' && method !== 'printf') return undefined;
    const first = args[0];
    const l = first ? levelOfExpr(first) : undefined;
    if (!l && !(first && /Level$/.test(env.typeOf(first) ?? ''))) return undefined;
    level = l?.level ?? 'info';
    julLevel = l?.jul ?? false;
    msgIdx = method === 'logp' ? 3 : 1;
  }
  // SLF4J/log4j2 markers come before the message.
  const maybeMarker = args[msgIdx];
  if (maybeMarker && args.length > msgIdx + 1 && (/Marker$/.test(env.typeOf(maybeMarker) ?? '') || /marker/i.test(maybeMarker.text) && unparen(maybeMarker).type !== 'string_literal')) msgIdx++;
  const msg = args[msgIdx];
  if (!msg) return undefined;
  // log4j2 printf(Level, format, args...) formats like String.format
  const kind = method === 'printf' ? 'printf' : logger.kind === 'jul' || julLevel ? 'jul' : logger.kind;
  return formatLog(level, msg, args.slice(msgIdx + 1), undefined, kind, env);
}

/**
 * The fluent APIs: SLF4J 2 `LOG.atInfo().addArgument(x).setCause(e).log("...{}")`, Flogger
 * `logger.atWarning().withCause(e).log("... %s", x)`. Undefined when `call` is not the end of such a chain.
 */
export function fluentChain(call: SyntaxNode): { base: SyntaxNode; level: LogLevel } | undefined {
  if (call.childForFieldName('name')?.text !== 'log') return undefined;
  let cur = call.childForFieldName('object');
  for (let i = 0; cur && cur.type === 'method_invocation' && i < 32; i++) {
    const name = cur.childForFieldName('name')?.text ?? '';
    const m = /^at(Trace|Debug|Info|Warn|Warning|Error|Fatal|Severe|Config|Fine|Finer|Finest)$/.exec(name);
    if (m) {
      const base = cur.childForFieldName('object');
      const level = LEVEL_METHODS[m[1]!.toLowerCase()];
      return base && level ? { base, level } : undefined;
    }
    cur = cur.childForFieldName('object');
  }
  return undefined;
}

export function extractFluentLog(call: SyntaxNode, level: LogLevel, logger: LoggerInfo, env: ExprEnv): ExtractedLog | undefined {
  const argsNode = call.childForFieldName('arguments');
  let args = argsNode ? namedKids(argsNode) : [];
  let cause: string | undefined;
  let setMessage: SyntaxNode | undefined;
  const added: SyntaxNode[] = [];
  for (let cur = call.childForFieldName('object'), i = 0; cur && cur.type === 'method_invocation' && i < 32; cur = cur.childForFieldName('object'), i++) {
    const name = cur.childForFieldName('name')?.text ?? '';
    if (/^at[A-Z]/.test(name)) break;
    const a = cur.childForFieldName('arguments');
    const first = a ? namedKids(a)[0] : undefined;
    if (!first) continue;
    if (name === 'setCause' || name === 'withCause') cause = first.text;
    else if (name === 'setMessage') setMessage = first;
    else if (name === 'addArgument') added.unshift(first); // walking backwards from log()
  }
  const msg = args[0] ?? setMessage;
  if (!msg) return undefined;
  args = args.length > 1 ? args.slice(1) : added;
  return formatLog(level, msg, args, cause, logger.kind, env);
}

/** `{}` placeholders in the literal text (`\\{}` is an escaped one, `\\\\{}` a real one). */
function countBraces(pieces: Piece[]): number {
  let n = 0;
  for (const p of pieces) {
    if (!('lit' in p)) continue;
    for (let j = p.lit.indexOf('{}'); j >= 0; j = p.lit.indexOf('{}', j + 2)) {
      if (!(p.lit[j - 1] === '\\' && p.lit[j - 2] !== '\\')) n++;
    }
  }
  return n;
}

/** Message and formatting arguments -> template, by the placeholder syntax of the logger's library. */
/** How the arguments fill the message: the logger's library, or `printf` for log4j2's printf(). */
type FormatStyle = LoggerInfo['kind'] | 'printf';

function formatLog(level: LogLevel, msg: SyntaxNode, argNodes: SyntaxNode[], cause: string | undefined, kind: FormatStyle, env: ExprEnv): ExtractedLog {
  let rest = argNodes;
  let exception = cause;
  let pieces = evalPieces(msg, env);
  const last = rest[rest.length - 1];
  // A trailing Throwable is the exception (printed as a stack trace after the message), except where the
  // library fills a placeholder with it: Flogger always does; SLF4J 1.x, log4j2 and Jetty do when a `{}`
  // is left for it (SLF4J 2 would print `{}` and the trace: the older, far more common reading wins).
  const printf = kind === 'flogger' || kind === 'printf';
  const braces = !printf && kind !== 'jul' && kind !== 'system';
  if (exception === undefined && last && !printf && isThrowable(last, env) && !(braces && countBraces(pieces) >= rest.length)) {
    exception = last.text;
    rest = rest.slice(0, -1);
  }
  if (rest.length) {
    const values = expandArray(rest).map((a) => argValue(a, env));
    if (printf) pieces = applyPrintf(pieces, values);
    else if (kind === 'jul' || kind === 'system') {
      // JUL formats only when the message contains "{0".."{3" (java.util.logging.Formatter.formatMessage).
      const text = pieces.map((p) => ('lit' in p ? p.lit : '')).join('');
      if (kind === 'system' || /\{[0-3]/.test(text)) pieces = applyMessageFormat(pieces, values);
    } else pieces = applyBraces(pieces, values);
  }
  const { template, params } = piecesToTemplate(pieces);
  return { level, template, params, ...(exception !== undefined ? { exception } : {}) };
}

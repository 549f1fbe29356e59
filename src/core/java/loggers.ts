// What counts as a logger, which method is which level, and how each logging library formats its message.
import type { LogLevel } from '../model';
import type { SyntaxNode } from './parser';
import { namedKids, unparen } from './syntax';

/** The library behind a logger decides the placeholder syntax. */
export type LoggerKind = 'slf4j' | 'log4j2' | 'log4j' | 'jcl' | 'jul' | 'system' | 'flogger' | 'unknown';

export interface LoggerInfo {
  kind: LoggerKind;
  /** Logger name for the rendered line: the class in getLogger(X.class), the string in getLog("name"), else the declaring class. */
  component: string;
  /** A fluent chain on the logger (`LOG.atInfo()`), not the logger itself. */
  fluent?: boolean;
}

/** Level methods of SLF4J, log4j, commons-logging, and java.util.logging (mapped onto our six levels). */
export const LEVEL_METHODS: Readonly<Record<string, LogLevel>> = {
  trace: 'trace', debug: 'debug', info: 'info', warn: 'warn', error: 'error', fatal: 'fatal',
  severe: 'error', warning: 'warn', config: 'debug', fine: 'debug', finer: 'trace', finest: 'trace',
};

/** Constants of JUL Level, log4j Level, System.Logger.Level. */
const LEVEL_CONSTANTS: Readonly<Record<string, LogLevel>> = {
  TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', WARNING: 'warn', ERROR: 'error', FATAL: 'fatal',
  SEVERE: 'error', CONFIG: 'debug', FINE: 'debug', FINER: 'trace', FINEST: 'trace', ALL: 'trace',
};

/** JUL level names: a `log(Level.FINE, ...)` call is java.util.logging even when the logger's declaration is not in view. */
const JUL_ONLY = new Set(['SEVERE', 'WARNING', 'CONFIG', 'FINE', 'FINER', 'FINEST']);

export function levelOfExpr(n: SyntaxNode): { level: LogLevel; jul: boolean } | undefined {
  const t = unparen(n).text;
  const last = t.slice(t.lastIndexOf('.') + 1);
  const level = LEVEL_CONSTANTS[last];
  return level ? { level, jul: JUL_ONLY.has(last) } : undefined;
}

/** Declared types that are loggers (simple names). Anything ending in `Logger` also is. */
const LOGGER_TYPES = new Set(['Log', 'Logger', 'InternalLogger', 'XLogger', 'ExtendedLogger', 'LocationAwareLogger', 'FluentLogger', 'Category']);

export function isLoggerType(simpleType: string | undefined): boolean {
  return !!simpleType && (LOGGER_TYPES.has(simpleType) || /Logger$/.test(simpleType));
}

/** An initializer that creates a logger. */
export const LOGGER_FACTORY = /\b(getLogger|getLog|getFormatterLogger|getRootLogger|getAnonymousLogger|getInternalLogger|forEnclosingClass)\s*\(/;

/** Receivers conventionally naming a logger whose declaration is not in view (inherited, Lombok, another file). */
export const LOGGER_NAME = /^_?(log|LOG|logger|LOGGER|Log|Logger|sLog|sLogger|mLog|mLogger)$/;

/** Logger fields of other classes: `DataNode.LOG`, `NameNode.stateChangeLog`, `FSNamesystem.auditLog`, `AUDIT_LOGGER`. */
export const LOGGER_FIELD = /^(_?(log|LOG|logger|LOGGER)|.*(Log|Logger|_LOG|_LOGGER))$/;

/** Methods returning a logger: `getLog().info(...)` in Maven plugins, `logger().warn(...)`. */
export const LOGGER_GETTER = /^(getLog|getLogger|logger|log)$/;

/** The library, from the initializer and the file's imports. */
export function loggerKind(init: string | undefined, imports: readonly string[], typeName?: string): LoggerKind {
  const imp = (p: string) => imports.some((i) => i.startsWith(p) || i.startsWith('static ' + p));
  if (typeName === 'FluentLogger' || typeName === 'GoogleLogger' || (init && /\bFluentLogger\.forEnclosingClass\s*\(/.test(init))) return 'flogger';
  if (init) {
    if (/System\.getLogger\s*\(/.test(init)) return 'system';
    if (/LoggerFactory\.getLogger\s*\(/.test(init)) return imp('org.slf4j') || !imp('org.apache.logging') ? 'slf4j' : 'log4j2';
    if (/LogManager\.(getLogger|getFormatterLogger)\s*\(/.test(init)) return imp('org.apache.log4j.') && !imp('org.apache.logging') ? 'log4j' : 'log4j2';
    if (/LogFactory\.getLog\s*\(/.test(init)) return 'jcl';
    if (/java\.util\.logging\.Logger\.getLogger\s*\(/.test(init)) return 'jul';
    if (/Logger\.getLogger\s*\(/.test(init)) return imp('java.util.logging') ? 'jul' : imp('org.apache.log4j') ? 'log4j' : 'jul';
  }
  if (typeName === 'System.Logger' || (typeName === 'Logger' && /System\.Logger/.test(init ?? ''))) return 'system';
  if (imp('org.slf4j')) return 'slf4j';
  if (imp('org.apache.logging.log4j')) return 'log4j2';
  if (imp('org.apache.commons.logging')) return 'jcl';
  if (imp('org.apache.log4j')) return 'log4j';
  if (imp('java.util.logging')) return 'jul';
  return 'unknown';
}

/**
 * The logger name given to the factory: `getLogger(X.class)` / `X.class.getName()` -> `X`, `getLog("name")` -> `name`;
 * `getClass()`, no argument, or anything else -> the declaring class.
 */
export function componentOfInit(init: SyntaxNode | undefined, declaringClass: string): string {
  if (!init) return declaringClass;
  const call = unparen(init);
  if (call.type !== 'method_invocation' || !LOGGER_FACTORY.test(call.text)) return declaringClass;
  const args = call.childForFieldName('arguments');
  const first = args ? namedKids(args)[0] : undefined;
  if (!first) return declaringClass;
  const arg = unparen(first);
  if (arg.type === 'string_literal') return arg.text.slice(1, -1);
  const cls = /^([\w.$]+)\.class\b/.exec(arg.text);
  if (cls && cls[1]) return cls[1];
  return declaringClass;
}

/** componentOfInit on an initializer's source text (FieldInfo.init), for loggers of classes in other files. */
export function componentOfInitText(init: string | undefined, declaringClass: string): string {
  if (!init) return declaringClass;
  const m = /\b(?:getLogger|getLog|getFormatterLogger)\s*\(\s*(?:"((?:[^"\\]|\\.)*)"|([\w.$]+)\.class\b)/.exec(init);
  return m ? m[1] ?? m[2] ?? declaringClass : declaringClass;
}

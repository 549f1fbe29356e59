// Turns a Path into what the verification prompt shows: numbered steps, log events, and numbered code of
// the methods on the path (windows around the visited lines for long methods), and finds the callee
// sub-paths that several paths share so they can be verified once.
import type { Path, PathStep, VerifyContext } from '../model';
import type { PathLogView, PathStepView, VerifyPathVars } from './prompts/verify-path';

/** `org.example.DataNode:recv(int)` -> `DataNode:recv(int)` (package dropped, for shorter prompts). */
export function shortMethod(id: string): string {
  const colon = id.indexOf(':');
  const cls = colon >= 0 ? id.slice(0, colon) : id;
  const rest = colon >= 0 ? id.slice(colon) : '';
  const parts = cls.split('.');
  // Keep nested class names (capitalized segments) and drop the lowercase package segments.
  const i = parts.findIndex((p) => /^[A-Z$]/.test(p));
  return (i >= 0 ? parts.slice(i).join('.') : parts[parts.length - 1]!) + rest;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function describe(step: PathStep, ctx: VerifyContext): string {
  const text = step.text ? ` \`${step.text}\`` : '';
  let what: string;
  switch (step.kind) {
    case 'entry': what = `enter ${shortMethod(step.methodId)}`; break;
    case 'branch':
      what = step.cond !== undefined
        ? `branch \`${step.cond}\` taken as ${step.polarity === false ? 'FALSE' : 'TRUE'}`
        : `branch${text}`;
      return what;
    case 'log': {
      const log = step.logId ? ctx.logs.get(step.logId) : undefined;
      what = log ? `log ${log.eventId} ${log.level.toUpperCase()}` : 'log';
      break;
    }
    case 'call': what = `call${text}`; break;
    case 'throw': what = `throw${text}`; break;
    case 'catch': what = `catch${text}`; break;
    case 'finally': what = 'finally block'; break;
    case 'return': what = `return${text}`; break;
    case 'exit': what = 'method returns'; break;
    case 'raise': what = 'exception propagates out of the method'; break;
    default: what = `${step.kind}${text}`;
  }
  if (step.cond !== undefined) what += ` (leaving via \`${step.cond}\`${step.polarity === false ? ' = false' : ''})`;
  return what;
}

/** A maximal run of steps inside one call from the path's top frame. */
export interface CalleeSegment {
  start: number;
  /** Inclusive. */
  end: number;
  methodId: string;
  /** Identity of the callee sub-path, independent of the caller. */
  key: string;
  /** Whether it takes any condition (only those can be inconsistent on their own). */
  hasCond: boolean;
}

export function calleeSegments(path: Path): CalleeSegment[] {
  const steps = path.steps;
  if (steps.length === 0) return [];
  const base = steps[0]!.depth;
  const out: CalleeSegment[] = [];
  let i = 0;
  while (i < steps.length) {
    if (steps[i]!.depth <= base) { i++; continue; }
    const start = i;
    const d0 = steps[start]!.depth;
    while (i + 1 < steps.length && steps[i + 1]!.depth > base) i++;
    const seg = steps.slice(start, i + 1);
    out.push({
      start, end: i, methodId: steps[start]!.methodId,
      key: JSON.stringify(seg.map((s) => [s.depth - d0, s.methodId, s.nodeId, s.kind, s.cond ?? null, s.polarity ?? null, s.logId ?? null])),
      hasCond: seg.some((s) => s.cond !== undefined),
    });
    i++;
  }
  return out;
}

/** The sub-path of a segment as a Path of its own (depths relative to the callee). */
export function segmentPath(path: Path, seg: CalleeSegment): Path {
  const d0 = path.steps[seg.start]!.depth;
  const steps = path.steps.slice(seg.start, seg.end + 1).map((s) => ({ ...s, depth: s.depth - d0 }));
  return {
    entry: seg.methodId,
    steps,
    logIds: steps.filter((s) => s.kind === 'log' && s.logId).map((s) => s.logId!),
    raises: steps.some((s) => s.kind === 'raise' && s.depth === 0),
  };
}

export interface RenderOptions {
  /** Segments to show as one collapsed line (already verified consistent). */
  collapsed?: CalleeSegment[];
  /** Methods longer than this are shown as windows around the visited lines. Default 80. */
  maxCodeLines?: number;
  /** Lines of context around each visited line in windows. Default 3. */
  window?: number;
}

export function renderPath(path: Path, ctx: VerifyContext, opts: RenderOptions = {}): VerifyPathVars {
  const collapsedAt = new Map<number, CalleeSegment>();
  for (const s of opts.collapsed ?? []) collapsedAt.set(s.start, s);
  const steps: PathStepView[] = [];
  const logs: PathLogView[] = [];
  const verifiedCallees: string[] = [];
  const visited = new Map<string, Set<number>>(); // method -> lines visited (in non-collapsed steps)

  for (let i = 0; i < path.steps.length; i++) {
    const step = path.steps[i]!;
    const seg = collapsedAt.get(i);
    if (seg) {
      const inner = path.steps.slice(seg.start, seg.end + 1);
      const conds = inner.filter((s) => s.cond !== undefined).map((s) => `\`${s.cond}\`=${s.polarity === false ? 'false' : 'true'}`);
      const events = inner.filter((s) => s.logId).map((s) => ctx.logs.get(s.logId!)?.eventId ?? '?');
      const name = shortMethod(seg.methodId);
      steps.push({
        index: `${seg.start}-${seg.end}`, depth: step.depth, method: name, where: `${baseName(step.loc.file)}:${step.loc.line}`,
        what: `verified callee sub-path of ${name}; conditions ${conds.join(', ') || 'none'}; logs ${events.join(', ') || 'none'}`,
      });
      verifiedCallees.push(`${seg.start}-${seg.end}: ${name}`);
      for (const s of inner) {
        const log = s.logId ? ctx.logs.get(s.logId) : undefined;
        if (log) logs.push({ step: path.steps.indexOf(s), eventId: log.eventId, level: log.level, template: log.template, where: `${baseName(log.loc.file)}:${log.loc.line}` });
      }
      i = seg.end;
      continue;
    }
    if (step.kind === 'merge') continue; // joins carry no information for the reader
    steps.push({
      index: String(i), depth: step.depth, method: shortMethod(step.methodId),
      where: `${baseName(step.loc.file)}:${step.loc.line}`, what: describe(step, ctx),
    });
    const log = step.logId ? ctx.logs.get(step.logId) : undefined;
    if (log) logs.push({ step: i, eventId: log.eventId, level: log.level, template: log.template, where: `${baseName(log.loc.file)}:${log.loc.line}` });
    let lines = visited.get(step.methodId);
    if (!lines) visited.set(step.methodId, (lines = new Set()));
    lines.add(step.loc.line);
  }

  const code: VerifyPathVars['code'] = [];
  for (const [methodId, lines] of visited) {
    const src = ctx.methodSource(methodId);
    if (src === undefined) continue;
    const info = ctx.methods?.get(methodId);
    code.push({
      method: shortMethod(methodId),
      file: info?.loc.file ?? path.steps.find((s) => s.methodId === methodId)?.loc.file ?? '?',
      text: numberedExcerpt(src, info?.startLine, lines, opts.maxCodeLines ?? 80, opts.window ?? 3),
    });
  }
  return { entry: shortMethod(path.entry), raises: path.raises, steps, logs, code, verifiedCallees };
}

/** Source with line numbers; a long method becomes windows around the visited lines. */
export function numberedExcerpt(src: string, startLine: number | undefined, visited: ReadonlySet<number>, maxLines: number, window: number): string {
  const lines = src.split(/\r?\n/);
  const first = startLine ?? 1;
  const label = (k: number) => (startLine === undefined ? '' : `${String(first + k).padStart(5)} | `);
  if (lines.length <= maxLines) return lines.map((l, k) => label(k) + l).join('\n');
  const keep = new Set<number>();
  for (let k = 0; k < Math.min(3, lines.length); k++) keep.add(k); // the signature
  if (startLine !== undefined) {
    for (const v of visited) for (let k = v - first - window; k <= v - first + window; k++) if (k >= 0 && k < lines.length) keep.add(k);
  } else {
    for (let k = 0; k < maxLines; k++) keep.add(k);
  }
  const out: string[] = [];
  let prev = -1;
  for (const k of [...keep].sort((a, b) => a - b)) {
    if (k !== prev + 1) out.push('      ...');
    out.push(label(k) + lines[k]);
    prev = k;
  }
  if (prev < lines.length - 1) out.push('      ...');
  return out.join('\n');
}

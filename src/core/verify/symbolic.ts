// The embedded verifier: walks each path's steps frame by frame, collects what every taken branch says
// about the program state and rejects a path whose facts cannot all hold at once.
//
// A fact lives in the activation (inlined frame) that tested it and dies when that state may have changed
// in between: an assignment to one of its variables (LcfgEdge.assigns when the LCFG carries it, and a scan
// of the method's source lines between the two tests), a loop-back in the frame when the LCFG carries no
// assignment information, and any call in the frame unless the fact reads only plain locals and parameters
// with no method invocation (a callee can change fields and objects, not a caller's locals). Where neither
// assignment information nor source is available the rule is the conservative one: no call and no
// loop-back between the two tests.
//
// Assignments of literal constants are facts too (`done = true;`, `boolean done = false;`, `this.x = null;`):
// when a taken edge assigns a variable (PathStep.assigns) and the method source shows that the last write to
// it along the edge's lines is such a statement, on the path's own block (see SourceFacts.assignedValue), the
// variable holds that constant until something kills it by the rules above. A field's value also dies at any
// method invocation in the source between the assignment and the test (an uninlined call may set it).
//
// Reasons start with their kind, then ':' — contradiction, constant condition, impossible range, switch,
// unreachable catch, log after return — so callers can count rejections by kind.
import type { MethodInfo, Path, PathStep, Verdict, Verifier, VerifyContext } from '../model';
import { caseLabels, cleanCondition, factsOf, intersect, isEmpty, showRange, type Fact, type Range, type VarRef } from './conditions';

/** Accepts every path: the ablation baseline. */
export class NoVerifier implements Verifier {
  readonly name = 'none';
  async verify(paths: Path[]): Promise<Verdict[]> {
    return paths.map(() => ({ consistent: true, reason: '', conflictingSteps: [], verifier: 'none' as const }));
  }

  checker(): (path: Path) => Verdict {
    return () => ({ consistent: true, reason: '', conflictingSteps: [], verifier: 'none' as const });
  }
}

export class SymbolicVerifier implements Verifier {
  readonly name = 'symbolic';

  async verify(paths: Path[], ctx: VerifyContext): Promise<Verdict[]> {
    const source = new SourceFacts(ctx);
    const out: Verdict[] = [];
    for (let i = 0; i < paths.length; i++) {
      if ((i & 255) === 0) {
        if (ctx.signal?.aborted) throw new Error('verification cancelled');
        ctx.onProgress?.(i, paths.length);
      }
      out.push(checkPath(paths[i]!, source));
    }
    ctx.onProgress?.(paths.length, paths.length);
    return out;
  }

  checker(ctx: VerifyContext): (path: Path) => Verdict {
    const source = new SourceFacts(ctx);
    return (path) => checkPath(path, source);
  }
}

/** Steps whose exception edge into a catch cannot carry an exception. */
const CANNOT_THROW = new Set<PathStep['kind']>(['log', 'merge', 'entry']);

interface Held {
  value: boolean;
  step: number;
  vars: VarRef[];
  invokes: boolean;
  /** The condition as written and the way it was taken (the atom's value may be the opposite). */
  text: string;
  taken: boolean;
  /** For a constant assignment: where it is (`File.java:77`), the first line after it, and whether it is on a field. */
  assigned?: { at: string; fromLine: number; field: boolean };
}

interface HeldRange {
  range: Range;
  steps: number[];
  /** Each contribution as shown in a reason: `'x > 5' true at Foo.java:10`. */
  texts: string[];
  vars: VarRef[];
  invokes: boolean;
  /** Set when the range started from a constant assignment (see Held.assigned); a branch merged in later clears it. */
  assigned?: { at: string; fromLine: number; field: boolean };
}

interface FrameState {
  methodId: string;
  depth: number;
  bools: Map<string, Held>;
  ranges: Map<string, HeldRange>;
  switches: Map<string, { labels: string[] | 'default'; step: number; nodeId: number }>;
  returnedAt?: number;
  /** Inside a finally block entered by an exception (it will be rethrown at the end). */
  exceptionalFinally?: boolean;
  /** Line of the last step in this frame: where the edge that leaves it (perhaps via an inlined callee) starts. */
  lastLine: number;
}

/** Reads method sources (through the context) to find assignments and local variable names. */
export class SourceFacts {
  private readonly lines = new Map<string, MethodText | null>();
  /** assignedValue's answers: paths share most of their edges, and each answer scans source lines with regexes. */
  private readonly assignedCache = new Map<string, Map<string, Map<number, ReturnType<SourceFacts['assignedValue']>>>>();
  constructor(private readonly ctx?: Partial<VerifyContext>) {}

  method(methodId: string): MethodInfo | undefined {
    return this.ctx?.methods?.get(methodId);
  }

  private load(methodId: string): MethodText | null {
    let s = this.lines.get(methodId);
    if (s !== undefined) return s;
    s = null;
    const m = this.method(methodId);
    const text = m ? this.ctx?.methodSource?.(methodId) : undefined;
    if (m && text !== undefined) {
      const lines = text.split(/\r?\n/);
      const locals = new Set<string>(m.paramNames);
      // Declarations: `Type name =`, `Type name;`, `Type name :` (enhanced for), `Type<..>[] name`, `var name`.
      const decl = /(?:^|[\s(;,{])(?:final\s+)?(?:[A-Z][\w$.]*(?:<[^;()=]*>)?|int|long|short|byte|char|boolean|double|float|var)(?:\[\])*\s+([a-z_$][\w$]*)\s*(?=[=;:,)])/g;
      for (const l of lines) for (const d of l.matchAll(decl)) locals.add(d[1]!);
      s = { start: m.startLine, lines, locals, code: [] };
    }
    this.lines.set(methodId, s);
    return s;
  }

  /** Known plain locals/parameters of the method (parameters only when its source is not available). */
  isLocal(methodId: string, name: string): boolean {
    const s = this.load(methodId);
    if (s) return s.locals.has(name);
    return this.method(methodId)?.paramNames.includes(name) ?? false;
  }

  hasSource(methodId: string): boolean {
    return this.load(methodId) !== null;
  }

  /**
   * True if, in the source lines from `fromLine` to `toLine` (the whole method when the path went
   * backwards, as around a loop; facts do not survive a loop-back anyway), a variable of `vars` is assigned or, for facts that invoke methods,
   * a method is invoked on it. Unknown source: false (the step-based rules still apply).
   */
  changedBetween(methodId: string, vars: VarRef[], invokes: boolean, fromLine: number, toLine: number): boolean {
    const s = this.load(methodId);
    if (!s || vars.length === 0) return false;
    const forward = toLine >= fromLine;
    const lo = forward ? fromLine : s.start;
    const hi = forward ? toLine : s.start + s.lines.length - 1;
    const patterns = vars.map((v) => ({ v, re: this.patternsFor(v.root) }));
    for (let line = lo; line <= hi; line++) {
      const text = s.lines[line - s.start];
      if (text === undefined) continue;
      for (const { v, re } of patterns) {
        if (!text.includes(v.root)) continue;
        if (re.assigned.test(text)) return true;
        // Enhanced-for and catch parameters rebind a name without '='.
        if (re.colon.test(text) && /\bfor\s*\(/.test(text)) return true;
        if ((invokes || v.member) && line > lo && line < hi && re.invoked.test(text)) return true;
      }
    }
    return false;
  }

  /**
   * The literal constant a forward edge from line `fromLine` to line `toLine` leaves in `name`, when the last
   * write to `name` on those lines is a statement of its own line (`name = C;`, `this.name = C;`,
   * `Type name = C;` with C true, false, null, a number, a string or char literal) that the edge surely runs:
   * no block is opened between (except `try {`), it is not in a block the edge skips (the `{` of the starting
   * line when the edge does not enter it: a false branch, a lambda), and it does not follow a bare `if (..)`,
   * `else`, label or case. Anything else: undefined (the assignment only kills facts).
   */
  assignedValue(methodId: string, name: string, fromLine: number, toLine: number, opensOnPath: boolean):
    { value: string; line: number; viaThis: boolean } | undefined {
    // keyed without building a string: method, then name, then the lines and flag packed in one number
    let byName = this.assignedCache.get(methodId);
    if (!byName) this.assignedCache.set(methodId, (byName = new Map()));
    let byEdge = byName.get(name);
    if (!byEdge) byName.set(name, (byEdge = new Map()));
    const key = (fromLine * 1_048_576 + toLine) * 2 + (opensOnPath ? 1 : 0);
    let v = byEdge.get(key);
    if (v === undefined && !byEdge.has(key)) byEdge.set(key, (v = this.assignedValueUncached(methodId, name, fromLine, toLine, opensOnPath)));
    return v;
  }

  private assignedValueUncached(methodId: string, name: string, fromLine: number, toLine: number, opensOnPath: boolean):
    { value: string; line: number; viaThis: boolean } | undefined {
    const s = this.load(methodId);
    if (!s || toLine <= fromLine) return undefined;
    const re = this.patternsFor(name);
    const code = (line: number) => codeAt(s, line);
    let last = -1;
    for (let line = fromLine; line <= toLine; line++) {
      const text = code(line);
      if (text === undefined) return undefined;
      if (!text.includes(name)) continue;
      if (re.assigned.test(text) || (re.colon.test(text) && /\bfor\s*\(/.test(text))) last = line;
    }
    if (last <= fromLine || last >= toLine) return undefined;
    const raw = s.lines[last - s.start]!;
    const bare = new RegExp(`^\\s*(?:final\\s+)?(?:[\\w$.]+(?:<[^=;]*>)?(?:\\[\\])*\\s+)?(this\\.)?${escape(name)}\\s*=\\s*(true|false|null|-?\\d[\\w.]*|"(?:\\\\.|[^"\\\\])*"|'(?:\\\\.|[^'\\\\])+')\\s*;\\s*(?://.*)?$`).exec(raw);
    if (!bare) return undefined;
    // Depth of blocks the path has not entered: > 0 means the line is inside one.
    const first = code(fromLine)!;
    let skipped = opensOnPath ? 0 : Math.max(0, count(first, '{') - count(first, '}'));
    let prev = first;
    let prevIsFirst = true;
    for (let line = fromLine + 1; line < last; line++) {
      const text = code(line)!;
      if (text.trim() === '') continue;
      if (text.includes('{')) {
        if (skipped > 0 || !/^\s*try\s*\{\s*$/.test(text)) return undefined;
      }
      // After a jump the rest of the block is not on this edge (`_node = lastNode; break; } ... _node = 0;`).
      if (/\b(?:break|continue|return|throw|yield)\b/.test(text)) return undefined;
      for (let k = count(text, '}'); k > 0; k--) {
        skipped--;
        // Leaving a loop, switch or lambda body at its `}` does not fall through to the next line.
        if (skipped < 0 && /\b(?:while|for|do|switch)\b|->/.test(openerOf(s, fromLine, -skipped) ?? 'for')) return undefined;
      }
      prev = text;
      prevIsFirst = false;
    }
    if (skipped > 0) return undefined;
    // `if (c)` / `else` / `case X:` / `label:` on the line before: the write is conditional.
    if (!/[;{}]\s*$/.test(prev) && !(prevIsFirst && opensOnPath)) return undefined;
    return { value: bare[2]!, line: last, viaThis: bare[1] !== undefined };
  }

  /** True if a method is invoked on the lines strictly between `fromLine` and `toLine` (unknown source: true). */
  invokesBetween(methodId: string, fromLine: number, toLine: number): boolean {
    const s = this.load(methodId);
    if (!s) return true;
    for (let line = fromLine; line < toLine; line++) {
      const text = codeAt(s, line);
      if (text === undefined) return true;
      for (const m of text.matchAll(/([\w$]+)\s*\(/g)) if (!CONTROL.has(m[1]!)) return true;
    }
    return false;
  }

  private readonly regexCache = new Map<string, { assigned: RegExp; colon: RegExp; invoked: RegExp }>();
  private patternsFor(root: string): { assigned: RegExp; colon: RegExp; invoked: RegExp } {
    let p = this.regexCache.get(root);
    if (!p) {
      const name = escape(root);
      p = {
        assigned: new RegExp(`(?<![\\w$.])(?:this\\.)?${name}(?:\\[[^\\]]*\\])?\\s*(?:[-+*/%&|^]|<<|>>>?)?=(?!=)|(?:\\+\\+|--)\\s*(?:this\\.)?${name}\\b|(?<![\\w$.])(?:this\\.)?${name}\\s*(?:\\+\\+|--)`),
        colon: new RegExp(`\\b${name}\\s*:(?!:)`),
        invoked: new RegExp(`(?<![\\w$.])(?:this\\.)?${name}\\.[\\w$]+\\s*\\(`),
      };
      this.regexCache.set(root, p);
    }
    return p;
  }
}

const CONTROL = new Set(['if', 'while', 'for', 'switch', 'catch', 'synchronized', 'return', 'throw', 'assert', 'new']);

/** A method's source lines, the locals declared in them, and (filled as asked) the lines as code only. */
interface MethodText {
  start: number;
  lines: string[];
  locals: Set<string>;
  code: (string | undefined)[];
}

/** codeOf line `line` of the method (1-based file line), computed once per line. */
function codeAt(s: MethodText, line: number): string | undefined {
  const i = line - s.start;
  if (i < 0 || i >= s.lines.length) return undefined;
  let c = s.code[i];
  if (c === undefined) s.code[i] = c = codeOf(s.lines[i]);
  return c;
}

/** A source line without string/char literals and comments (undefined stays undefined). */
function codeOf(line: string | undefined): string | undefined {
  if (line === undefined) return undefined;
  const t = line.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""').replace(/\/\/.*$|\/\*.*?\*\//g, '');
  return /^\s*(\/\*|\*)/.test(t) ? '' : t;
}

/** The line opening the `levels`-th block enclosing the end of `fromLine` (scanning back through the method). */
function openerOf(s: MethodText, fromLine: number, levels: number): string | undefined {
  let open = 0;
  for (let line = fromLine; line >= s.start; line--) {
    const text = codeAt(s, line) ?? '';
    for (let i = text.length - 1; i >= 0; i--) {
      if (text[i] === '}') open++;
      else if (text[i] === '{') {
        if (open > 0) open--;
        // Allman style: the header is on the line above a lone `{`.
        else if (--levels === 0) return text.slice(0, i).trim() === '' ? `${codeAt(s, line - 1) ?? ''} ${text}` : text;
      }
    }
  }
  return undefined;
}

function count(s: string, c: string): number {
  let n = 0;
  for (const x of s) if (x === c) n++;
  return n;
}

function escape(s: string): string {
  return s.replace(/[$]/g, '\\$');
}

function where(step: PathStep): string {
  const f = step.loc.file;
  return `${f.slice(f.lastIndexOf('/') + 1)}:${step.loc.line}`;
}

function reject(reason: string, steps: number[]): Verdict {
  return { consistent: false, reason, conflictingSteps: [...new Set(steps)].sort((a, b) => a - b), verifier: 'symbolic' };
}

/** The verdict for one path. `source` (optional) lends method sources for the assignment scan. */
export function checkPath(path: Path, source: SourceFacts = new SourceFacts()): Verdict {
  const steps = path.steps;
  const stack: FrameState[] = [];
  const newFrame = (s: PathStep): FrameState =>
    ({ methodId: s.methodId, depth: s.depth, bools: new Map(), ranges: new Map(), switches: new Map(), lastLine: s.loc.line });

  for (let i = 0; i < steps.length; i++) {
    const st = steps[i]!;
    while (stack.length > 0 && stack[stack.length - 1]!.depth > st.depth) stack.pop();
    if (stack.length === 0 || stack[stack.length - 1]!.depth < st.depth) stack.push(newFrame(st));
    const fr = stack[stack.length - 1]!;
    fr.lastLine = st.loc.line;

    // A catch entered by an exception from something that cannot throw. (A finally block run for a
    // pending exception hands it on by an exception edge from its last step: that is not an origin.)
    if (st.kind === 'finally') fr.exceptionalFinally = i > 0 && steps[i - 1]!.edge === 'exception';
    if (st.kind === 'catch' && i > 0) {
      const prev = steps[i - 1]!;
      const rethrown = fr.exceptionalFinally;
      fr.exceptionalFinally = false;
      if (prev.edge === 'exception' && CANNOT_THROW.has(prev.kind) && !rethrown) {
        return reject(`unreachable catch: catch at ${where(st)} entered from a ${prev.kind} at ${where(prev)} that cannot throw`, [i - 1, i]);
      }
    }
    if (st.kind === 'return') fr.returnedAt = i;
    else if (st.kind === 'finally') fr.returnedAt = undefined;
    else if (st.kind === 'log' && fr.returnedAt !== undefined) {
      return reject(`log after return: log at ${where(st)} follows the return at ${where(steps[fr.returnedAt]!)}`, [fr.returnedAt, i]);
    }
    if (st.kind === 'call') killOnCall(fr, source);

    const verdict = st.kind === 'branch' ? checkBranch(steps, i, fr, source) : undefined;
    if (verdict) return verdict;

    // The edge leaving this step belongs to the frame of the next step: after an inlined callee's exit or
    // raise it is the caller's edge out of the call node (e.g. the `x = ` of `x = callee()`).
    const next = steps[i + 1];
    let target = fr;
    if (next && next.depth < st.depth) {
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k]!.depth <= next.depth) { target = stack[k]!; break; }
      }
    }
    if (st.assigns && st.assigns.length > 0) {
      killAssigned(target, st.assigns);
      if (next && st.edge !== 'exception' && st.edge !== 'case' && next.depth === target.depth && next.methodId === target.methodId) {
        const opensOnPath = target === fr && (st.kind === 'entry' || st.kind === 'catch' || st.kind === 'finally' || (st.kind === 'branch' && st.edge === 'true'));
        holdAssignedValues(target, st.assigns, i, target.lastLine, next, opensOnPath, source);
      }
    }
    // Without assignment information a loop-back may have changed anything in the frame; with it, the
    // assignments of the body are on the edges the path took and have been applied already.
    if (st.edge === 'loop-back' && st.assigns === undefined) {
      target.bools.clear();
      target.ranges.clear();
      target.switches.clear();
    }
  }
  return { consistent: true, reason: '', conflictingSteps: [], verifier: 'symbolic' };
}

/** A call may change fields and objects: keep only facts on plain locals without invocations. */
function killOnCall(fr: FrameState, source: SourceFacts): void {
  const survives = (vars: VarRef[], inv: boolean) =>
    !inv && vars.every((v) => !v.member && source.isLocal(fr.methodId, v.root));
  for (const [k, h] of fr.bools) if (!survives(h.vars, h.invokes)) fr.bools.delete(k);
  for (const [k, h] of fr.ranges) if (!survives(h.vars, h.invokes)) fr.ranges.delete(k);
  for (const [k, h] of fr.switches) if (!survives(varsOfSubject(k), false)) fr.switches.delete(k);
}

function varsOfSubject(subject: string): VarRef[] {
  return factsOf(subject, true).flatMap((f) => (f.kind === 'const' ? [] : f.vars));
}

/**
 * The constants `assigns` wrote along the edge from line `fromLine` to step `next`, as held facts of `fr`
 * (the written name, and for a field both `x` and `this.x`, since conditions spell it either way).
 */
function holdAssignedValues(fr: FrameState, assigns: string[], step: number, fromLine: number, next: PathStep, opensOnPath: boolean, source: SourceFacts): void {
  for (const name of new Set(assigns)) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) continue; // `a.b`, `arr[i]`: not a plain variable
    const v = source.assignedValue(fr.methodId, name, fromLine, next.loc.line, opensOnPath);
    if (!v) continue;
    const local = source.isLocal(fr.methodId, name);
    const forms = local ? [v.viaThis ? `this.${name}` : name] : [name, `this.${name}`];
    const f = next.loc.file;
    const assigned = { at: `${f.slice(f.lastIndexOf('/') + 1)}:${v.line}`, fromLine: v.line + 1, field: !local || v.viaThis };
    for (const form of forms) {
      const text = `${form} = ${v.value}`;
      for (const fact of factsOf(`${form} == ${v.value}`, true)) {
        if (fact.kind === 'bool') {
          fr.bools.set(fact.key, { value: fact.value, step, vars: fact.vars, invokes: fact.invokes, text, taken: true, assigned });
        } else if (fact.kind === 'range') {
          fr.ranges.set(fact.key, { range: fact.range, steps: [step], texts: [`'${text}' assigned at ${assigned.at}`], vars: fact.vars, invokes: fact.invokes, assigned });
        }
      }
    }
  }
}

function killAssigned(fr: FrameState, assigns: string[]): void {
  const names = new Set(assigns.map((a) => a.replace(/^this\./, '').split(/[.[]/)[0]!));
  const hit = (vars: VarRef[]) => vars.some((v) => names.has(v.root));
  for (const [k, h] of fr.bools) if (hit(h.vars)) fr.bools.delete(k);
  for (const [k, h] of fr.ranges) if (hit(h.vars)) fr.ranges.delete(k);
  for (const k of [...fr.switches.keys()]) if (hit(varsOfSubject(k))) fr.switches.delete(k);
}

/** The condition text and truth value a branch step was left with, if any. */
function takenCondition(st: PathStep): { text: string; value: boolean } | undefined {
  if (st.edge === 'case') return undefined;
  if (st.cond !== undefined && st.cond !== '' && st.polarity !== undefined) return { text: st.cond, value: st.polarity };
  const text = st.cond ?? st.text;
  if (!text) return undefined;
  if (st.edge === 'true') return { text, value: true };
  if (st.edge === 'false' || st.edge === 'loop-exit') return { text, value: false };
  return undefined;
}

function checkBranch(steps: PathStep[], i: number, fr: FrameState, source: SourceFacts): Verdict | undefined {
  const st = steps[i]!;
  const line = st.loc.line;
  const stale = (vars: VarRef[], inv: boolean, fromStep: number, assigned?: Held['assigned']) => assigned
    ? source.changedBetween(fr.methodId, vars, inv, assigned.fromLine, line) ||
      (assigned.field && source.invokesBetween(fr.methodId, assigned.fromLine, line))
    : source.changedBetween(fr.methodId, vars, inv, steps[fromStep]!.loc.line, line);

  if (st.edge === 'case' || (st.cond !== undefined && /^(case\b|default\b)/.test(cleanCondition(st.cond)))) {
    if (!st.cond || !st.text) return undefined;
    const subject = cleanCondition(st.text).replace(/^switch\s*/, '');
    const labels = caseLabels(st.cond);
    const held = fr.switches.get(subject);
    if (held && !stale(varsOfSubject(subject), false, held.step)) {
      const conflict = held.labels === 'default' || labels === 'default'
        ? held.labels !== labels && held.nodeId === st.nodeId
        : !held.labels.some((l) => (labels as string[]).includes(l));
      if (conflict) {
        const show = (l: string[] | 'default') => (l === 'default' ? 'default' : `case ${l.join(', ')}`);
        return reject(`switch: '${subject}' took ${show(held.labels)} at ${where(steps[held.step]!)}, ${show(labels)} at ${where(st)}`, [held.step, i]);
      }
    }
    fr.switches.set(subject, { labels, step: i, nodeId: st.nodeId });
    return undefined;
  }

  const taken = takenCondition(st);
  if (!taken) return undefined;
  const facts: Fact[] = factsOf(taken.text, taken.value);
  for (const f of facts) {
    if (f.kind === 'const') {
      if (!f.value) return reject(`constant condition: '${taken.text.trim()}' taken ${taken.value} at ${where(st)}`, [i]);
      continue;
    }
    if (f.kind === 'bool') {
      const held = fr.bools.get(f.key);
      if (held && held.value !== f.value && !stale(f.vars, f.invokes, held.step, held.assigned)) {
        const before = held.assigned ? `'${held.text}' assigned at ${held.assigned.at}` : `'${held.text}' ${held.taken} at ${where(steps[held.step]!)}`;
        return reject(`contradiction: ${before}, '${taken.text.trim()}' ${taken.value} at ${where(st)}`, [held.step, i]);
      }
      fr.bools.set(f.key, { value: f.value, step: i, vars: f.vars, invokes: f.invokes, text: taken.text.trim(), taken: taken.value });
      continue;
    }
    const held = fr.ranges.get(f.key);
    if (held && !stale(f.vars, f.invokes, held.steps[held.steps.length - 1]!, held.assigned)) {
      const both = intersect(held.range, f.range);
      if (isEmpty(both)) {
        const before = held.texts.join(', ');
        return reject(`impossible range: ${f.key} ${showRange(held.range)} (${before}) and ${showRange(f.range)} ('${taken.text.trim()}' ${taken.value} at ${where(st)})`, [...held.steps, i]);
      }
      const text = `'${taken.text.trim()}' ${taken.value} at ${where(st)}`;
      const assigned = held.assigned && { ...held.assigned, fromLine: line };
      fr.ranges.set(f.key, { range: both, steps: [...held.steps, i], texts: [...held.texts, text], vars: held.vars, invokes: held.invokes, ...(assigned ? { assigned } : {}) });
    } else {
      fr.ranges.set(f.key, { range: f.range, steps: [i], texts: [`'${taken.text.trim()}' ${taken.value} at ${where(st)}`], vars: f.vars, invokes: f.invokes });
    }
  }
  return undefined;
}

// The types every stage of the code-guided pipeline hands to the next one.
// Data flows one way: index -> LCFG / call graph -> paths -> verified, parameterized, labeled sequences -> exports.
// Everything here is plain JSON-serializable data (no tree-sitter nodes), so it can cross a worker or
// language-server boundary and be persisted in sql.js as it is.

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** A place in the workspace. `file` is relative to the indexed root, with '/' separators; lines are 1-based. */
export interface SourceLoc {
  file: string;
  line: number;
  column: number;
  endLine?: number;
}

/** One `<*>` slot of a template, with what the source says about its value. */
export interface LogParam {
  /** The source expression text, e.g. `block.getBlockId()`, `targets.length`, `ip + ":" + port`. */
  expr: string;
  /** Declared type when it could be inferred from a local, parameter or field (simple name, no generics). */
  type?: string;
  /** Words of the template just before the slot (e.g. "Receiving block"), a hint for parameter synthesis. */
  context?: string;
}

/** One logging call site, turned into a template. */
export interface LogStatement {
  /** Stable id: `${file}:${line}:${column}`. */
  id: string;
  /** Event id of the template (E1, E2, ...), assigned by the index so equal templates share one id. */
  eventId: string;
  level: LogLevel;
  /** The template: literals kept, every parameter slot `<*>`. */
  template: string;
  params: LogParam[];
  /** Source expression of a trailing Throwable argument, if any (not a parameter). */
  exception?: string;
  /** The logger receiver as written: `LOG`, `NameNode.stateChangeLog`, `log`. */
  logger: string;
  /** Logger / component name (e.g. the class named in getLogger(X.class)), for the rendered line. */
  component: string;
  loc: SourceLoc;
  /** Fully qualified class containing the call, and the method id (see MethodInfo.id). */
  className: string;
  methodId: string;
}

/** A call in a method body, before resolution. */
export interface CallSite {
  /** Method name called (`<init>` for `new T(...)`, `super`/`this` for constructor chaining). */
  name: string;
  arity: number;
  /** Receiver expression text (`this`, `super`, `dn`, `NameNode`, `getFSDataset()`) or undefined for an unqualified call. */
  receiver?: string;
  /** Receiver's declared type when it could be inferred (simple or qualified name). */
  receiverType?: string;
  /** Argument types where inferable (undefined entries where not), to pick among overloads. */
  argTypes?: (string | undefined)[];
  /** Method ids of the lambdas written as arguments, by position (null where an argument is no lambda); absent
   *  when there are none. Path enumeration runs them where the callee invokes its parameter, or at the call
   *  for library methods that run their argument on the spot (`forEach`, `ifPresent`, ...). */
  lambdaArgs?: (string | null)[];
  loc: SourceLoc;
}

export interface MethodInfo {
  /** Signature used everywhere: `pkg.Outer.Inner:name(T1,T2)`; constructors `:<init>(...)`; lambdas `:outer$lambda$N()`;
   *  anonymous classes are classes `pkg.Outer$N`. Parameter types are simple names with generics erased. */
  id: string;
  className: string;
  name: string;
  paramTypes: string[];
  paramNames: string[];
  returnType: string;
  isStatic: boolean;
  isConstructor: boolean;
  loc: SourceLoc;
  /** Lines of the body, to show and to send (with opt-in) as code excerpts. */
  startLine: number;
  endLine: number;
}

export interface FieldInfo {
  className: string;
  name: string;
  type: string;
  isStatic: boolean;
  /** The initializer text (e.g. `LoggerFactory.getLogger(DataNode.class)`), if any. */
  init?: string;
}

export interface ClassInfo {
  /** Fully qualified name (`pkg.Outer.Inner`, anonymous `pkg.Outer$1`). */
  name: string;
  simpleName: string;
  package: string;
  kind: 'class' | 'interface' | 'enum' | 'record' | 'anonymous';
  superClass?: string;
  interfaces: string[];
  file: string;
  fields: FieldInfo[];
}

export interface ParseProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

// ---------------------------------------------------------------------------------------------
// Log-oriented control-flow graph (one per method)

export type LcfgNodeKind =
  | 'entry'
  | 'exit' //      normal completion (falls off the end or returns)
  | 'raise' //     the method ends by an exception propagating out of it
  | 'log'
  | 'call' //      a call that may reach a log statement (resolution decides later; unresolved = opaque)
  | 'branch' //    a decision (if, switch, loop test, ternary) with conditional out-edges
  | 'merge'
  | 'throw'
  | 'catch'
  | 'finally'
  | 'return';

export interface LcfgNode {
  id: number;
  kind: LcfgNodeKind;
  line: number;
  /** Short source text: the condition, the thrown expression, the catch parameter type, the return expression. */
  text?: string;
  /** For 'log' nodes: LogStatement.id. */
  logId?: string;
  /** For 'call' nodes. */
  call?: CallSite;
  /** For 'catch' nodes: the caught types (multi-catch gives several). */
  catchTypes?: string[];
}

export type LcfgEdgeKind = 'normal' | 'true' | 'false' | 'case' | 'exception' | 'loop-back' | 'loop-exit';

export interface LcfgEdge {
  from: number;
  to: number;
  kind: LcfgEdgeKind;
  /** Condition text for a conditional edge (`x == null`, `case 3`, `default`), exception type for 'exception'. */
  cond?: string;
  /** For conditional edges: true if the condition holds along this edge. */
  polarity?: boolean;
  /** Optional: variables (or `this.f` fields, written as `f`) assigned by the statements this edge passes over.
   *  When an LCFG carries it, the symbolic verifier kills facts precisely instead of conservatively. */
  assigns?: string[];
}

export interface Lcfg {
  methodId: string;
  nodes: LcfgNode[];
  edges: LcfgEdge[];
  entry: number;
  exit: number;
  /** The 'raise' node; exceptional paths out of the method end here. */
  raise: number;
  /** Set when the body was too deep or too large to model: the graph is then the straight line of its
   *  logs and calls in source order, and this says why (for the index's problem report). */
  degraded?: string;
}

// ---------------------------------------------------------------------------------------------
// Whole-workspace index

export interface FileIndex {
  file: string;
  /** sha1 of the bytes, for incremental re-indexing. */
  hash: string;
  lines: number;
  classes: ClassInfo[];
  methods: MethodInfo[];
  logs: LogStatement[];
  lcfgs: Lcfg[];
  problems: ParseProblem[];
  imports: string[];
  package: string;
}

export interface CallEdge {
  caller: string;
  callee: string; // a MethodInfo.id, or `?name/arity` when unresolved
  loc: SourceLoc;
  resolved: boolean;
}

export interface EntryPoint {
  methodId: string;
  /** Distinct templates (event ids) reachable within the depth bound. */
  reachableTemplates: number;
  reachableLogs: number;
  loc: SourceLoc;
}

// ---------------------------------------------------------------------------------------------
// Paths, sequences and verdicts

/** One step of an inter-procedural path: a node of some method's LCFG, at some call depth. */
export interface PathStep {
  methodId: string;
  nodeId: number;
  kind: LcfgNodeKind;
  loc: SourceLoc;
  depth: number;
  /** The condition taken to leave this step, if it was a branch. */
  cond?: string;
  polarity?: boolean;
  /** Optional: the kind of edge taken to leave this step ('exception' into a catch, 'loop-back', 'case', ...). */
  edge?: LcfgEdgeKind;
  /** Optional: LcfgEdge.assigns of the edge taken to leave this step. */
  assigns?: string[];
  logId?: string;
  text?: string;
}

export interface Path {
  entry: string;
  steps: PathStep[];
  /** Log statement ids in order (the merged log sequence). */
  logIds: string[];
  /** True when the path ends by an exception escaping the entry method. */
  raises: boolean;
}

export interface Verdict {
  consistent: boolean;
  reason: string;
  /** Indexes into Path.steps of the steps that conflict. */
  conflictingSteps: number[];
  verifier: 'symbolic' | 'llm' | 'none' | 'symbolic-fallback';
  /** LLM reasoning text, when an LLM judged the path. */
  reasoning?: string;
}

/** The interface every verifier implements (the embedded symbolic one, the LLM one, both). */
export interface Verifier {
  readonly name: string;
  verify(paths: Path[], ctx: VerifyContext): Promise<Verdict[]>;
  /**
   * Verifiers that judge a path at once and for nothing (no I/O) offer a synchronous check: generation then
   * judges each path as it is found, before copying it, and keeps only what it will use.
   */
  checker?(ctx: VerifyContext): (path: Path) => Verdict;
}

export interface VerifyContext {
  /** Source lines of a method, for verifiers that read code. */
  methodSource(methodId: string): string | undefined;
  logs: ReadonlyMap<string, LogStatement>;
  /** Optional: method infos (start lines, names), so verifiers that show code can number its lines. */
  methods?: ReadonlyMap<string, MethodInfo>;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

export type Label = 'Normal' | 'Anomaly';

export interface LogEvent {
  logId: string;
  eventId: string;
  template: string;
  level: LogLevel;
  component: string;
  /** The rendered message (template filled with parameter values). */
  content: string;
  values: string[];
  /** ISO-like timestamp split as loghub does. */
  date: string;
  time: string;
  thread: string;
  /** The full raw line in a log4j-style layout. */
  raw: string;
  loc: SourceLoc;
}

export interface LogSequence {
  sessionId: string;
  entry: string;
  events: LogEvent[];
  label: Label;
  /** Why: the rules that fired (empty reasons for Normal). */
  labelReasons: string[];
  verdict: Verdict;
  /** The path through the code as `file:line` steps. */
  path: string[];
  /** How many enumerated paths collapsed into this sequence (dedup / loop compression). */
  multiplicity: number;
  /** Mean log-probability per transition under the model of observed real logs, when generation used one. */
  observedScore?: number;
}

export interface GenerationStats {
  entries: number;
  pathsEnumerated: number;
  pathsRejected: number;
  rejectReasons: Record<string, number>;
  sequences: number;
  normal: number;
  anomaly: number;
  seconds: number;
  truncated: boolean;
}

// ---------------------------------------------------------------------------------------------
// What the later stages read from the index (the workspace index implements it; tests may build one by hand).

export interface IndexView {
  readonly files: ReadonlyMap<string, FileIndex>;
  readonly methods: ReadonlyMap<string, MethodInfo>;
  readonly classes: ReadonlyMap<string, ClassInfo>;
  readonly logs: ReadonlyMap<string, LogStatement>;
  readonly lcfgs: ReadonlyMap<string, Lcfg>;
}

/** What path enumeration needs from the call graph. */
export interface CallResolver {
  /** The workspace method a call site in `callerId` resolves to, or undefined (library / unknown: opaque). */
  resolve(callerId: string, call: CallSite): string | undefined;
  /** True if the method can reach a log statement, directly or through calls (the pruning criterion). */
  reachesLog(methodId: string): boolean;
}

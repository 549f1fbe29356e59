// One Java file -> FileIndex: classes, fields, methods (lambdas and anonymous-class methods included),
// logging statements turned into templates, and one LCFG per method. Never throws on bad input: every
// problem (bytes, size, syntax, nesting) becomes a ParseProblem and indexing goes on with what is left.
import { createHash } from 'node:crypto';
import type { ClassInfo, FieldInfo, FileIndex, Lcfg, LogStatement, MethodInfo, ParseProblem, LogParam } from '../model';
import type { Node as TsNode, Parser } from 'web-tree-sitter';
import { copyParsed, type SyntaxNode } from './parser';
import { nodeColumns, type SyntaxTree } from './syntax-tree';
import { packLcfgs } from '../lcfg/packed';
import { buildLcfg } from '../lcfg/build';
import { UnitClassifier, nodeIdKey, type ClassifierCache } from './call-classifier';
import { componentOfInit, isLoggerType, LOGGER_FACTORY, LOGGER_FIELD, LOGGER_GETTER, LOGGER_NAME, loggerKind, type LoggerInfo } from './loggers';
import { evalPieces, extractFluentLog, extractLog, fluentChain, type ExprEnv } from './message';
import { addAssigned, addCatchParam, addLocalInit, declarators, FileScope, NO_INITS, NO_NAMES, parameters, type ClassCtx, type FieldDecl, type UnitCtx } from './scope';
import { countLines, decodeSource, unclosedBraces } from './strings';
import { column, eraseGenerics, hasModifier, line, namedKids, simpleType, unparen } from './syntax';
import type { Piece } from './template';
import { flat } from '../util/flat';

export const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Syntax errors reported per file; a badly broken file would otherwise flood the problem list. */
const MAX_SYNTAX_PROBLEMS = 20;

export interface IndexSourceOptions {
  /** Larger files are skipped with a problem (generated or data files). Default 8 MiB. */
  maxFileBytes?: number;
  /** Build the LCFG of every method (default true). */
  lcfgs?: boolean;
}

function emptyIndex(file: string, hash: string, lines: number, problems: ParseProblem[]): FileIndex {
  return { file, hash, lines, classes: [], methods: [], logs: [], lcfgs: [], problems, imports: [], package: '' };
}

function sha1(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function indexSource(file: string, bytes: Uint8Array | string, parser: Parser, opts: IndexSourceOptions = {}): FileIndex {
  const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
  const hash = sha1(bytes);
  if (size > max) {
    return emptyIndex(file, hash, countLines(bytes), [{
      file, line: 1, column: 1, severity: 'error',
      message: `skipped: ${(size / 1048576).toFixed(1)} MiB is over the ${(max / 1048576).toFixed(1)} MiB limit (maxFileBytes)`,
    }]);
  }
  const problems: ParseProblem[] = [];
  const decoded = decodeSource(bytes);
  if (decoded.badByte) {
    const b = decoded.badByte;
    problems.push({
      file, line: b.line, column: b.column, severity: 'warning',
      message: `not valid UTF-8 (byte 0x${b.value.toString(16).padStart(2, '0')} at offset ${b.offset}); read as ISO-8859-1`,
    });
  }
  const lines = countLines(decoded.text);
  let tree;
  let text = decoded.text;
  try {
    tree = parser.parse(text);
  } catch (e) {
    problems.push({ file, line: 1, column: 1, severity: 'error', message: `parser failed: ${e instanceof Error ? e.message : String(e)}` });
    return emptyIndex(file, hash, lines, problems);
  }
  if (!tree) {
    problems.push({ file, line: 1, column: 1, severity: 'error', message: 'parser returned no tree' });
    return emptyIndex(file, hash, lines, problems);
  }
  if (tree.rootNode.hasError) {
    // A file cut short (an editor mid-typing, a truncated download) leaves blocks open and tree-sitter
    // may then give up on the whole class: close them and parse again, so the methods are recovered.
    const open = unclosedBraces(text);
    if (open > 0) {
      const repairedText = text + '\n' + '}'.repeat(open);
      const repaired = parser.parse(repairedText);
      if (repaired) {
        tree.delete();
        tree = repaired;
        text = repairedText;
        problems.push({ file, line: Math.max(1, lines), column: 1, severity: 'error', message: `unexpected end of file: ${open} unclosed '{' (truncated?)` });
      }
    }
  }
  try {
    const indexer = new FileIndexer(file, hash, lines, problems, opts);
    if (tree.rootNode.hasError) indexer.syntaxProblems(tree.rootNode);
    const copy = copyParsed(parser, tree, text);
    try {
      return indexer.run(copy.rootNode);
    } finally {
      copy.release(); // the FileIndex holds plain data only, never nodes
    }
  } catch (e) {
    // Last resort: something still recursed too deep (or worse). Report it; the other files go on.
    const msg = e instanceof RangeError ? `too deeply nested to index (${e.message})` : `indexing failed: ${e instanceof Error ? e.message : String(e)}`;
    problems.push({ file, line: 1, column: 1, severity: 'error', message: msg });
    return emptyIndex(file, hash, lines, problems);
  } finally {
    tree.delete();
  }
}

const CLASS_KINDS: Record<string, ClassInfo['kind']> = {
  class_declaration: 'class', interface_declaration: 'interface', annotation_type_declaration: 'interface',
  enum_declaration: 'enum', record_declaration: 'record',
};
const CONSTANT_TYPES = new Set(['String', 'int', 'long', 'short', 'byte', 'char', 'boolean', 'Integer', 'Long']);

/** Called for each node pass 1 looks at, with what it is (`class`, `method`, `call`, ...). */
type Visit = (name: string, node: SyntaxNode) => void;

/** Node types that are always of interest to pass 1 -> what they are. */
const DECL_TYPES: Record<string, string> = {
  package_declaration: 'package', import_declaration: 'import',
  class_declaration: 'class', interface_declaration: 'class', enum_declaration: 'class', record_declaration: 'class', annotation_type_declaration: 'class',
  method_declaration: 'method', constructor_declaration: 'method', compact_constructor_declaration: 'method',
  static_initializer: 'clinit', lambda_expression: 'lambda', local_variable_declaration: 'local', enhanced_for_statement: 'for',
  catch_formal_parameter: 'catch', method_invocation: 'call',
};
/** Node types of interest depending on their parent or fields (see declarationCaptures). */
const CONTEXT_TYPES = ['class_body', 'field_declaration', 'constant_declaration', 'block', 'resource', 'instanceof_expression', 'identifier'];

/** Per language: for each type id, the capture name (string), 1 when it depends on context, 0 when never. */
const interest = new WeakMap<object, (string | 0 | 1)[]>();
function interestOf(tree: SyntaxTree): (string | 0 | 1)[] {
  let table = interest.get(tree.language);
  if (!table) {
    table = tree.types.map((t) => (t && DECL_TYPES[t]) || (t && CONTEXT_TYPES.includes(t) ? 1 : 0));
    interest.set(tree.language, table);
  }
  return table;
}

/**
 * Hands pass 1 what it looks at, in document order (node ids are pre-order), each with a name saying what
 * it is. A loop over the copied tree's columns: node objects are made only for what is captured. (As a
 * tree-sitter Query this cost a third of the parse, mostly in making Node objects for the captures.)
 */
function declarationCaptures(root: SyntaxNode, out: Visit): void {
  const tree = root.tree;
  const table = interestOf(tree);
  const { STRIDE, PARENT, TYPE, BITS } = nodeColumns;
  const d = tree.d;
  const typeField = tree.fieldId('type');
  const creation = tree.types.indexOf('object_creation_expression');
  // identifiers, the commonest named node, matter only under these (see contextCapture)
  const identifier = tree.types.indexOf('identifier');
  const enumConstant = tree.types.indexOf('enum_constant');
  const assignment = tree.types.indexOf('assignment_expression');
  const update = tree.types.indexOf('update_expression');
  for (let i = 0; i < tree.count; i++) {
    const o = i * STRIDE;
    const type = d[o + TYPE]!;
    const kind = table[type];
    if (!kind) {
      // `new T(...) { ... }`: the type of an object creation with a class body
      const p = d[o + PARENT]!;
      if (d[o + BITS]! >> 8 === typeField && p >= 0 && d[p * STRIDE + TYPE] === creation) anonType(tree, i, out);
    } else if (kind === 1) {
      if (type === identifier) {
        const p = d[o + PARENT]!;
        const pt = p >= 0 ? d[p * STRIDE + TYPE]! : -1;
        if (pt !== enumConstant && pt !== assignment && pt !== update) continue;
      }
      contextCapture(tree, i, out);
    } else {
      out(kind, tree.node(i));
    }
  }
}

// The rarer cases live in their own functions: V8 optimizes the loop above early, and a case first met
// later in a separate function no longer throws that optimized loop away.

function anonType(tree: SyntaxTree, i: number, out: Visit): void {
  const n = tree.node(i);
  if (n.parent!.children.some((k) => k.type === 'class_body')) out('anon.type', n);
}

/** Node types captured depending on their parent or fields. */
function contextCapture(tree: SyntaxTree, i: number, out: Visit): void {
  const { STRIDE, PARENT } = nodeColumns;
  const p = tree.d[i * STRIDE + PARENT]!;
  if (p < 0) return;
  const pt = tree.typeName(p);
  let name: string | undefined;
  switch (tree.typeName(i)) {
    case 'class_body':
      name = pt === 'object_creation_expression' ? 'anon.new' : pt === 'enum_constant' ? 'anon.enum' : undefined;
      break;
    case 'field_declaration':
      if (pt === 'class_body' || pt === 'enum_body_declarations') name = 'field';
      break;
    case 'constant_declaration':
      if (pt === 'interface_body' || pt === 'annotation_type_body') name = 'constfield';
      break;
    case 'block':
      if (pt === 'class_body' || pt === 'enum_body_declarations') name = 'instinit';
      break;
    case 'resource':
      if (tree.node(i).childForFieldName('type')) name = 'resource';
      break;
    case 'instanceof_expression':
      if (tree.node(i).childForFieldName('name')) name = 'instanceof';
      break;
    case 'identifier': {
      // only under an enum constant, an assignment or an update: declarationCaptures passes no others
      const field = tree.node(i).field;
      if (pt === 'enum_constant' && field === 'name') name = 'enumconst';
      else if ((pt === 'assignment_expression' && field === 'left') || pt === 'update_expression') name = 'assign';
      break;
    }
  }
  if (name) out(name, tree.node(i));
}

/** The pieces of a constant whose initializer is being evaluated: guards `A = B; B = A` cycles. */
const EVALUATING: Piece[] = [];

class FileIndexer {
  private pkg = '';
  private readonly imports: string[] = [];
  private readonly scope = new FileScope();
  private readonly classes: ClassCtx[] = [];
  private readonly units: UnitCtx[] = [];
  private readonly constants = new Map<FieldDecl, Piece[] | undefined>();
  private readonly ids = new Set<string>();
  /** Lambda expression (node id) -> its method id, for call sites that pass it (CallSite.lambdaArgs). */
  private readonly lambdaIds = new Map<number, string>();
  private constDepth = 0;

  constructor(
    private readonly file: string,
    private readonly hash: string,
    private readonly lines: number,
    private readonly problems: ParseProblem[],
    private readonly opts: IndexSourceOptions,
  ) {}

  /**
   * One string object per distinct value in this file. Each log statement's logger name, component and
   * parameter texts were fresh copies (`LOG` 62k times on the corpus), all kept by the index and copied by the
   * young-generation collector while it grows.
   */
  private readonly strings = new Map<string, string>();
  private intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  private internParams(params: LogParam[]): LogParam[] {
    for (const p of params) {
      p.expr = this.intern(p.expr);
      if (p.type !== undefined) p.type = this.intern(p.type);
      if (p.context !== undefined) p.context = this.intern(p.context);
    }
    return params;
  }

  run(root: SyntaxNode): FileIndex {
    this.declarations(root);
    const logs: LogStatement[] = [];
    const logKeys = new Map<number, string>();
    const loggerCalls = new Set<number>();
    for (const u of this.units) if (u.registered) this.logsOf(u, logs, logKeys, loggerCalls);
    const lcfgs: Lcfg[] = [];
    if (this.opts.lcfgs !== false) {
      const classified: ClassifierCache = new Map();
      for (const u of this.units) {
        if (!u.registered) continue;
        try {
          const classifier = new UnitClassifier(classified, this.scope, u, this.file, logKeys, loggerCalls, this.lambdaIds);
          lcfgs.push(buildLcfg(u.method.id, u.body, classifier, { file: this.file, decl: u.decl }));
        } catch (e) {
          this.problems.push({
            file: this.file, line: u.method.startLine, column: u.method.loc.column, severity: 'error',
            message: `no control-flow graph for ${u.method.id}: ${e instanceof RangeError ? 'too deeply nested' : e instanceof Error ? e.message : String(e)}`,
          });
        }
      }
    }
    return {
      file: this.file, hash: this.hash, lines: this.lines,
      classes: this.classes.map((c) => c.info),
      methods: this.units.filter((u) => u.registered).map((u) => u.method),
      logs, lcfgs: packLcfgs(lcfgs), problems: this.problems.sort((a, b) => a.line - b.line || a.column - b.column), imports: this.imports, package: this.pkg,
    };
  }

  // ------------------------------------------------------------------------------------------------
  // Syntax errors: descend only into subtrees that contain one (read from tree-sitter's own nodes, which
  // know where errors are; the copy does not keep that).

  syntaxProblems(root: TsNode): void {
    let count = 0;
    const stack: TsNode[] = [root];
    const found: { line: number; column: number; message: string }[] = [];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.isMissing) {
        found.push({ line: n.startPosition.row + 1, column: n.startPosition.column + 1, message: `syntax error: missing ${n.type}` });
        continue;
      }
      if (n.isError) {
        const snippet = n.text.replace(/\s+/g, ' ').slice(0, 40);
        found.push({ line: n.startPosition.row + 1, column: n.startPosition.column + 1, message: `syntax error: unexpected '${snippet}'` });
      }
      if (!n.hasError) continue;
      const kids = n.children;
      for (let i = kids.length - 1; i >= 0; i--) { const k = kids[i]; if (k && (k.hasError || k.isMissing)) stack.push(k); }
    }
    found.sort((a, b) => a.line - b.line || a.column - b.column);
    for (const f of found) {
      if (++count > MAX_SYNTAX_PROBLEMS) {
        this.problems.push({ file: this.file, line: f.line, column: f.column, severity: 'error', message: `${found.length - MAX_SYNTAX_PROBLEMS} more syntax errors not shown` });
        break;
      }
      this.problems.push({ file: this.file, ...f, severity: 'error' });
    }
    if (found.length === 0) this.problems.push({ file: this.file, line: 1, column: 1, severity: 'error', message: 'syntax error' });
  }

  // ------------------------------------------------------------------------------------------------
  // Pass 1: declarations, locals and invocations, in document order; the enclosing classes, methods and
  // field declarations are kept on a stack by their end offsets.

  private declarations(root: SyntaxNode): void {
    type Open = { kind: 'class'; ctx: ClassCtx; end: number } | { kind: 'unit'; ctx: UnitCtx; end: number } | { kind: 'field'; isStatic: boolean; end: number };
    const open: Open[] = [];
    const topCls = (): ClassCtx | undefined => {
      for (let i = open.length - 1; i >= 0; i--) { const o = open[i]!; if (o.kind === 'class') return o.ctx; }
      return undefined;
    };
    /** The unit whose body we are in, unless a class body was entered after it. */
    const currentUnit = (): UnitCtx | undefined => {
      for (let i = open.length - 1; i >= 0; i--) {
        const o = open[i]!;
        if (o.kind === 'unit') return o.ctx;
        if (o.kind === 'class') return undefined;
      }
      return undefined;
    };
    const currentField = (): boolean | undefined => {
      const o = open[open.length - 1];
      return o?.kind === 'field' ? o.isStatic : undefined;
    };
    /** Types of `new T(...) { ... }` waiting for their class body (nested ones close first). */
    const anonTypes: SyntaxNode[] = [];

    // each node as the walk meets it (no list of captures is kept)
    declarationCaptures(root, (cap, n) => {
      const start = n.startIndex;
      while (open.length && open[open.length - 1]!.end <= start) open.pop();
      switch (cap) {
        case 'package':
          this.pkg = namedKids(n).find((k) => k.type === 'scoped_identifier' || k.type === 'identifier')?.text ?? '';
          break;
        case 'import':
          this.imports.push(n.text.replace(/^import\s+/, '').replace(/\s*;\s*$/, '').replace(/\s+/g, ' ').replace(/ ?\. ?/g, '.'));
          break;
        case 'class':
          open.push({ kind: 'class', ctx: this.namedClass(n, CLASS_KINDS[n.type] ?? 'class', topCls(), currentUnit()), end: n.endIndex });
          break;
        case 'anon.type':
          anonTypes.push(n);
          break;
        case 'anon.new': case 'anon.enum': {
          let superClass: string | undefined;
          if (cap === 'anon.new') {
            while (anonTypes.length && anonTypes[anonTypes.length - 1]!.endIndex > start) anonTypes.pop(); // defensive
            const t = anonTypes.pop();
            superClass = t ? eraseGenerics(t.text) : undefined;
          }
          const ctx = this.anonymousClass(superClass, cap === 'anon.enum', topCls(), currentUnit());
          open.push({ kind: 'class', ctx, end: n.endIndex });
          break;
        }
        case 'field': case 'constfield': {
          const cls = topCls();
          if (!cls) break;
          const isStatic = this.addFields(n, cls, cap === 'constfield' || cls.info.kind === 'interface');
          open.push({ kind: 'field', isStatic, end: n.endIndex });
          break;
        }
        case 'enumconst': {
          const cls = topCls();
          if (cls) this.addField(cls, { className: cls.info.name, name: n.text, type: cls.info.simpleName, isStatic: true }, { type: cls.info.simpleName, isStatic: true, isFinal: true, init: undefined });
          break;
        }
        case 'method': {
          const cls = topCls();
          if (cls) open.push({ kind: 'unit', ctx: this.methodUnit(n, cls), end: n.endIndex });
          break;
        }
        case 'clinit': {
          const cls = topCls();
          if (!cls) break;
          const name = '<clinit>';
          const body = namedKids(n).find((k) => k.type === 'block') ?? null;
          open.push({ kind: 'unit', ctx: this.unit(cls, name, [], [], 'void', true, false, n, body, undefined, true), end: n.endIndex });
          break;
        }
        case 'instinit': {
          const cls = topCls();
          if (cls) open.push({ kind: 'unit', ctx: this.unit(cls, '<instinit>', [], [], 'void', false, false, n, n, undefined, true), end: n.endIndex });
          break;
        }
        case 'lambda': {
          const cls = topCls();
          if (!cls) break;
          let parent = currentUnit();
          if (!parent) {
            // a lambda in a field initializer: named after the static or instance initializer
            parent = currentField() ? (cls.staticInit ??= this.unit(cls, '<clinit>', [], [], 'void', true, false, n, null, undefined, false))
              : (cls.instanceInit ??= this.unit(cls, '<init>', [], [], 'void', false, false, n, null, undefined, false));
          }
          const { names, types } = parameters(n.childForFieldName('parameters'));
          const name = `${parent.method.name}$lambda$${++parent.lambdaCount}`;
          const u = this.unit(cls, name, types, names, '?', parent.method.isStatic, false, n, n.childForFieldName('body'), parent, true, flat(cls.info.name, ':', name, '()'));
          this.lambdaIds.set(nodeIdKey(n), u.method.id);
          open.push({ kind: 'unit', ctx: u, end: n.endIndex });
          break;
        }
        case 'local': {
          const u = currentUnit();
          if (!u) break;
          const type = simpleType(n.childForFieldName('type')?.text ?? '?');
          for (const d of declarators(n)) {
            if (u.locals.has(d.name)) addAssigned(u, d.name); // declared twice (separate blocks): value unknown
            u.locals.set(d.name, type + d.dims);
            if (d.value) addLocalInit(u, d.name, d.value);
          }
          break;
        }
        case 'assign': {
          const u = currentUnit();
          if (u) addAssigned(u, n.text);
          break;
        }
        case 'for': case 'resource': {
          const u = currentUnit();
          const name = n.childForFieldName('name')?.text;
          const typeNode = n.childForFieldName('type');
          if (!u || !name || !typeNode) break;
          u.locals.set(name, simpleType(typeNode.text) + (n.childForFieldName('dimensions')?.text.replace(/\s+/g, '') ?? ''));
          const v = n.childForFieldName('value');
          if (v && cap === 'resource') addLocalInit(u, name, v);
          break;
        }
        case 'catch': {
          const u = currentUnit();
          const name = n.childForFieldName('name')?.text;
          if (!u || !name) break;
          const alts = namedKids(n).find((k) => k.type === 'catch_type');
          const altTypes = alts ? namedKids(alts).map((k) => simpleType(k.text)) : [];
          u.locals.set(name, altTypes.length === 1 ? altTypes[0]! : 'Exception');
          addCatchParam(u, name);
          break;
        }
        case 'instanceof': {
          const u = currentUnit();
          const name = n.childForFieldName('name')?.text;
          const right = n.childForFieldName('right');
          if (u && name && right) u.locals.set(name, simpleType(right.text));
          break;
        }
        case 'call':
          currentUnit()?.invocations.push(n);
          break;
      }
    });
  }

  private newClass(info: ClassInfo, outer: ClassCtx | undefined, unit: UnitCtx | undefined): ClassCtx {
    // every property set, even when undefined: one object shape keeps V8 from re-optimizing the code reading them
    const ctx: ClassCtx = { info, outer, unit, fields: new Map(), anonCount: 0, staticInit: undefined, instanceInit: undefined };
    this.classes.push(ctx);
    this.scope.add(ctx);
    return ctx;
  }

  private namedClass(n: SyntaxNode, kind: ClassInfo['kind'], outer: ClassCtx | undefined, unit: UnitCtx | undefined): ClassCtx {
    const simpleName = n.childForFieldName('name')?.text ?? '?';
    const name = outer ? flat(outer.info.name, '.', simpleName) : this.pkg ? flat(this.pkg, '.', simpleName) : simpleName;
    const sup = n.childForFieldName('superclass');
    const superType = sup ? namedKids(sup)[0] : undefined;
    const interfaces: string[] = [];
    const list = n.childForFieldName('interfaces') ?? namedKids(n).find((k) => k.type === 'extends_interfaces');
    const typeList = list ? namedKids(list).find((k) => k.type === 'type_list') : undefined;
    if (typeList) for (const t of namedKids(typeList)) interfaces.push(eraseGenerics(t.text));
    const info: ClassInfo = {
      name, simpleName, package: this.pkg, kind, interfaces, file: this.file, fields: [],
      ...(superType ? { superClass: eraseGenerics(superType.text) } : {}),
    };
    const ctx = this.newClass(info, outer, unit);
    if (kind === 'record') {
      // record components are (final) fields
      const { names, types } = parameters(n.childForFieldName('parameters'));
      names.forEach((pn, i) => this.addField(ctx, { className: name, name: pn, type: types[i]!, isStatic: false }, { type: types[i]!, isStatic: false, isFinal: true, init: undefined }));
    }
    return ctx;
  }

  private anonymousClass(superClass: string | undefined, enumConstant: boolean, outer: ClassCtx | undefined, unit: UnitCtx | undefined): ClassCtx {
    const host = outer ?? this.newClass({ name: this.pkg ? `${this.pkg}.?` : '?', simpleName: '?', package: this.pkg, kind: 'class', interfaces: [], file: this.file, fields: [] }, undefined, undefined);
    const name = flat(host.info.name, '$', ++host.anonCount);
    const sup = enumConstant ? host.info.name : superClass;
    const info: ClassInfo = {
      name, simpleName: name.slice(name.lastIndexOf('.') + 1), package: this.pkg, kind: 'anonymous', interfaces: [], file: this.file, fields: [],
      ...(sup ? { superClass: sup } : {}),
    };
    return this.newClass(info, host, unit);
  }

  private addField(cls: ClassCtx, info: FieldInfo, decl: FieldDecl): void {
    cls.info.fields.push(info);
    if (!cls.fields.has(info.name)) cls.fields.set(info.name, decl);
  }

  /** Fields of a declaration; returns whether they are static (for naming lambdas in their initializers). */
  private addFields(n: SyntaxNode, cls: ClassCtx, implicitStaticFinal: boolean): boolean {
    const type = simpleType(n.childForFieldName('type')?.text ?? '?');
    const isStatic = implicitStaticFinal || hasModifier(n, 'static');
    const isFinal = implicitStaticFinal || hasModifier(n, 'final');
    for (const d of declarators(n)) {
      const info: FieldInfo = { className: cls.info.name, name: d.name, type: type + d.dims, isStatic };
      if (d.value) info.init = d.value.endIndex - d.value.startIndex > 500 ? d.value.text.slice(0, 500) + '…' : d.value.text; // .text of huge initializers is costly
      this.addField(cls, info, { type: type + d.dims, isStatic, isFinal, init: d.value });
    }
    return isStatic;
  }

  private methodUnit(n: SyntaxNode, cls: ClassCtx): UnitCtx {
    const isCtor = n.type !== 'method_declaration';
    const name = isCtor ? '<init>' : n.childForFieldName('name')?.text ?? '?';
    let { names, types } = parameters(n.childForFieldName('parameters'));
    if (n.type === 'compact_constructor_declaration') {
      names = cls.info.fields.filter((f) => !f.isStatic).map((f) => f.name);
      types = cls.info.fields.filter((f) => !f.isStatic).map((f) => f.type);
    }
    const dims = n.childForFieldName('dimensions')?.text.replace(/\s+/g, '') ?? '';
    const ret = isCtor ? 'void' : simpleType(n.childForFieldName('type')?.text ?? 'void') + dims;
    const isStatic = hasModifier(n, 'static');
    return this.unit(cls, name, types, names, ret, isStatic, isCtor, n, n.childForFieldName('body'), undefined, true);
  }

  private unit(cls: ClassCtx, name: string, paramTypes: string[], paramNames: string[], returnType: string, isStatic: boolean, isConstructor: boolean,
    node: SyntaxNode, body: SyntaxNode | null, parent: UnitCtx | undefined, registered: boolean, id?: string): UnitCtx {
    let methodId = id ?? flat(cls.info.name, ':', name, '(', paramTypes.join(','), ')');
    if (registered && this.ids.has(methodId)) {
      // several instance initializers, or a method repeated in broken code: ids must stay unique
      let k = 2;
      while (this.ids.has(`${cls.info.name}:${name}$${k}(${paramTypes.join(',')})`)) k++;
      name = `${name}$${k}`;
      methodId = flat(cls.info.name, ':', name, '(', paramTypes.join(','), ')');
    }
    if (registered) this.ids.add(methodId);
    const method: MethodInfo = {
      id: methodId,
      className: cls.info.name, name, paramTypes, paramNames, returnType: this.intern(returnType), isStatic, isConstructor,
      loc: { file: this.file, line: line(node), column: column(node), endLine: node.endRow + 1 },
      startLine: line(node), endLine: node.endRow + 1,
    };
    const u: UnitCtx = {
      method, decl: node, body, cls, locals: new Map(), localInits: NO_INITS, assigned: NO_NAMES, catchParams: NO_NAMES, invocations: [], lambdaCount: 0, registered,
      parent,
    };
    paramNames.forEach((p, i) => u.locals.set(p, paramTypes[i] ?? '?'));
    if (registered) this.units.push(u);
    return u;
  }

  // ------------------------------------------------------------------------------------------------
  // Pass 2: logging calls.

  private env(unit: UnitCtx | undefined, cls: ClassCtx): ExprEnv {
    return {
      typeOf: (n) => this.scope.typeOfExpr(n, unit, cls),
      constant: (n) => this.constantOf(n, unit, cls),
      isCatchParam: (name) => this.scope.isCatchParam(unit, name),
    };
  }

  /** Compile-time constants (`static final String PREFIX = "x: "`) of this file fold into templates. */
  private constantOf(n: SyntaxNode, unit: UnitCtx | undefined, cls: ClassCtx): Piece[] | undefined {
    let hit;
    if (n.type === 'identifier') {
      const local = this.scope.local(unit, n.text);
      if (local) return this.localValue(n, local.unit, local.type);
      hit = this.scope.field(cls, n.text);
    } else if (n.type === 'field_access') {
      const obj = n.childForFieldName('object');
      const f = n.childForFieldName('field')?.text;
      if (!obj || !f) return undefined;
      const owner = obj.type === 'this' ? cls : this.scope.local(unit, obj.text) ? undefined : this.scope.classNamed(obj.text);
      hit = owner ? this.scope.field(owner, f) : undefined;
    }
    if (!hit || !hit.field.isFinal || !hit.field.init || !CONSTANT_TYPES.has(hit.field.type)) return undefined;
    if (this.constants.has(hit.field)) {
      const v = this.constants.get(hit.field);
      return v === EVALUATING ? undefined : v;
    }
    // constants defined from constants: a long chain would recurse deep, so stop folding past a few levels
    if (this.constDepth >= 16) return undefined;
    this.constants.set(hit.field, EVALUATING);
    this.constDepth++;
    let pieces: Piece[];
    try {
      pieces = evalPieces(hit.field.init, this.env(undefined, hit.cls));
    } finally {
      this.constDepth--;
    }
    const value = pieces.every((p) => 'lit' in p) ? pieces : undefined;
    this.constants.set(hit.field, value);
    return value;
  }

  /** Locals being inlined (cycle guard) and how deep. */
  private readonly inlining = new Set<SyntaxNode['id']>();

  /**
   * A String local assigned once, before the use, in its declaration (`String msg = "Failed " + x;
   * LOG.error(msg)`): its value is the initializer, so the template is "Failed <*>", not "<*>".
   */
  private localValue(use: SyntaxNode, unit: UnitCtx, type: string): Piece[] | undefined {
    const name = use.text;
    const init = unit.localInits.get(name);
    if (!init || unit.assigned.has(name) || (type !== 'String' && type !== 'var') || init.startIndex > use.startIndex) return undefined;
    if (this.inlining.has(init.id) || this.inlining.size >= 8) return undefined;
    this.inlining.add(init.id);
    try {
      const pieces = evalPieces(init, this.env(unit, unit.cls));
      // only worth it when the initializer brings literal text
      return pieces.some((p) => 'lit' in p) && (type === 'String' || this.scope.typeOfExpr(init, unit, unit.cls) === 'String') ? pieces : undefined;
    } finally {
      this.inlining.delete(init.id);
    }
  }

  private readonly fieldLoggers = new Map<FieldDecl, LoggerInfo | undefined>();

  private fieldLogger(hit: { cls: ClassCtx; field: FieldDecl }): LoggerInfo | undefined {
    if (this.fieldLoggers.has(hit.field)) return this.fieldLoggers.get(hit.field);
    const info = this.computeFieldLogger(hit);
    this.fieldLoggers.set(hit.field, info);
    return info;
  }

  private computeFieldLogger(hit: { cls: ClassCtx; field: FieldDecl }): LoggerInfo | undefined {
    const init = hit.field.init;
    if (!isLoggerType(hit.field.type) && !(init && LOGGER_FACTORY.test(init.text))) return undefined;
    return { kind: loggerKind(init?.text, this.imports, hit.field.type), component: componentOfInit(init, namedSimple(hit.cls)) };
  }

  /** The logger a receiver expression denotes, or undefined if it is not one. */
  loggerOf(receiver: SyntaxNode, unit: UnitCtx): LoggerInfo | undefined {
    const r = unparen(receiver);
    const cls = unit.cls;
    if (r.type === 'identifier') {
      const name = r.text;
      const l = this.scope.local(unit, name);
      if (l) {
        const init = l.unit.localInits.get(name);
        if (!isLoggerType(l.type) && !(init && LOGGER_FACTORY.test(init.text))) return undefined;
        return { kind: loggerKind(init?.text, this.imports, l.type), component: componentOfInit(init, namedSimple(cls)) };
      }
      const f = this.scope.field(cls, name);
      if (f) return this.fieldLogger(f);
      if (LOGGER_NAME.test(name)) return { kind: loggerKind(undefined, this.imports), component: namedSimple(cls) };
      return undefined;
    }
    if (r.type === 'field_access') {
      const obj = r.childForFieldName('object');
      const f = r.childForFieldName('field')?.text;
      if (!obj || !f) return undefined;
      if (obj.type === 'this') {
        const hit = this.scope.field(cls, f);
        return hit ? this.fieldLogger(hit) : LOGGER_NAME.test(f) ? { kind: loggerKind(undefined, this.imports), component: namedSimple(cls) } : undefined;
      }
      const objText = obj.text;
      if (this.scope.local(unit, objText) || this.scope.field(cls, objText)) return undefined;
      const owner = this.scope.classNamed(objText);
      if (owner) {
        const hit = this.scope.field(owner, f);
        if (hit) return this.fieldLogger(hit);
      }
      const ownerSimple = objText.slice(objText.lastIndexOf('.') + 1);
      if (/^[A-Z]/.test(ownerSimple) && LOGGER_FIELD.test(f)) return { kind: loggerKind(undefined, this.imports), component: ownerSimple };
      // another object's logger: `this.beanFactory.logger.trace(...)`
      if (LOGGER_NAME.test(f)) {
        const t = this.scope.typeOfExpr(obj, unit, cls);
        return { kind: loggerKind(undefined, this.imports), component: t ?? namedSimple(cls) };
      }
      return undefined;
    }
    if (r.type === 'method_invocation') {
      const name = r.childForFieldName('name')?.text ?? '';
      const obj = r.childForFieldName('object');
      const args = r.childForFieldName('arguments');
      if (LOGGER_GETTER.test(name) && (!obj || obj.type === 'this') && args && namedKids(args).length === 0) {
        return { kind: loggerKind(undefined, this.imports), component: namedSimple(cls) };
      }
      // `LoggerFactory.getLogger(X.class).info(...)` inline
      if (obj && LOGGER_FACTORY.test(`${name}(`) && /^[A-Z][\w.]*$/.test(obj.text)) {
        return { kind: loggerKind(r.text, this.imports), component: componentOfInit(r, namedSimple(cls)) };
      }
      // fluent chains: `LOG.atInfo()...` is the logger too (its calls are not interesting); logsOf reads the chain
      if (obj && /^at[A-Z][a-z]+$/.test(name) || obj && /^(addArgument|addKeyValue|setMessage|setCause|withCause|addMarker|every|atMostEvery|withStackTrace)$/.test(name)) {
        const inner = this.loggerOf(obj, unit);
        if (inner) return { ...inner, fluent: true };
      }
    }
    return undefined;
  }

  /** The logging calls of a unit into `out` and `keys`; every call on a logger (logging or not) into `loggerCalls`. */
  private logsOf(u: UnitCtx, out: LogStatement[], keys: Map<number, string>, loggerCalls: Set<number>): void {
    let env: ExprEnv | undefined;
    for (const inv of u.invocations) {
      const obj = inv.childForFieldName('object');
      if (!obj) continue;
      let receiver = obj;
      let logger = this.loggerOf(obj, u);
      if (logger) loggerCalls.add(nodeIdKey(inv));
      let ex;
      if (logger?.fluent) {
        const chain = fluentChain(inv);
        if (!chain) continue;
        receiver = chain.base;
        env ??= this.env(u, u.cls);
        ex = extractFluentLog(inv, chain.level, logger, env);
      } else if (logger) {
        env ??= this.env(u, u.cls);
        ex = extractLog(inv, logger, env);
      }
      if (!ex || !logger) continue;
      const ln = line(inv);
      const col = column(inv);
      const id = flat(this.file, ':', ln, ':', col);
      const stmt: LogStatement = {
        id, eventId: '', level: ex.level, template: ex.template, params: this.internParams(ex.params), logger: this.intern(receiver.text), component: this.intern(logger.component),
        loc: { file: this.file, line: ln, column: col, endLine: inv.endRow + 1 },
        className: u.cls.info.name, methodId: u.method.id,
      };
      if (ex.exception !== undefined) stmt.exception = ex.exception; // last, as before (no spread: a slow path)
      out.push(stmt);
      keys.set(nodeIdKey(inv), id);
    }
  }
}

/** The simple name of the nearest named class (an anonymous class logs under its host's name). */
function namedSimple(cls: ClassCtx): string {
  let c: ClassCtx | undefined = cls;
  while (c && c.info.kind === 'anonymous') c = c.outer;
  return c?.info.simpleName ?? cls.info.simpleName;
}

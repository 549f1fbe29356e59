// Java type names as written in source (`final Map<String, List<Block>>`, `org.x.Foo`, `byte...`) reduced
// to what resolution compares: erased names, and FQNs of workspace classes seen from a given class.
import type { ClassInfo, FileIndex, IndexView } from '../model';
import { memoized } from '../util/memoized';

/**
 * Erases generics, annotations and modifiers; varargs become `[]`. `Map<K, V>` -> `Map`, `T...` -> `T[]`.
 * Remembered: the same few thousand type strings are erased at every overload comparison.
 */
export const eraseType = memoized((t) => {
  let s = t.replace(/@[\w.]+(\([^)]*\))?\s*/g, '').replace(/\bfinal\s+/g, '');
  // Remove nested generic arguments from the inside out (bounded: a pathological string stops early).
  for (let i = 0; i < 16 && s.includes('<'); i++) {
    const next = s.replace(/<[^<>]*>/g, '');
    if (next === s) break;
    s = next;
  }
  s = s.replace(/\s+/g, '').replace(/\.\.\.$/, '[]');
  return s;
});

/** The last segment of an erased name: `java.util.List` -> `List`, `Outer.Inner[]` -> `Inner[]`. */
export const simpleTypeName = memoized((t) => {
  const e = eraseType(t);
  const i = e.lastIndexOf('.');
  return i < 0 ? e : e.slice(i + 1);
});

/** Names java.lang makes visible everywhere: never guessed to be a workspace class of the same simple name. */
const JAVA_LANG = new Set([
  'Object', 'String', 'Integer', 'Long', 'Short', 'Byte', 'Character', 'Boolean', 'Double', 'Float', 'Number',
  'Math', 'System', 'Thread', 'Runnable', 'Exception', 'RuntimeException', 'Error', 'Throwable', 'Class',
  'StringBuilder', 'StringBuffer', 'Iterable', 'Comparable', 'Enum', 'Record', 'Void', 'Process', 'Runtime',
]);

/** Resolves type names to workspace class FQNs the way javac scopes them (nested, imports, package). */
export class TypeScope {
  private readonly bySimple = new Map<string, string[]>();
  /**
   * Every name a resolution can end in: each class's simple name and the last dot segment of its FQN (they differ
   * for local classes, `p.Outer$1Local`). A written type whose last segment is neither (`StringBuilder`,
   * `List`, `int`) names no workspace class from anywhere, and most receivers of library calls are such types.
   */
  private readonly lastNames = new Set<string>();
  private readonly supers = new Map<string, { superClass?: string; interfaces: string[] }>();
  /** from -> written name -> result (two levels: no key string built per lookup). */
  private readonly cache = new Map<string, Map<string, string | undefined>>();

  constructor(private readonly view: IndexView) {
    for (const c of view.classes.values()) {
      const list = this.bySimple.get(c.simpleName);
      if (list) list.push(c.name);
      else this.bySimple.set(c.simpleName, [c.name]);
      this.lastNames.add(c.simpleName);
      this.lastNames.add(c.name.slice(c.name.lastIndexOf('.') + 1));
    }
  }

  classInfo(fqn: string): ClassInfo | undefined {
    return this.view.classes.get(fqn);
  }

  /** The lexically enclosing class: `p.Outer.Inner` -> `p.Outer`, `p.Outer$1` -> `p.Outer`. */
  enclosing(fqn: string): string | undefined {
    const dollar = fqn.lastIndexOf('$');
    const dot = fqn.lastIndexOf('.');
    const cut = Math.max(dollar, dot);
    if (cut <= 0) return undefined;
    const outer = fqn.slice(0, cut);
    return this.view.classes.has(outer) ? outer : undefined;
  }

  /**
   * The class itself then its enclosing classes, innermost first. Memoized (resolution asks for it at every
   * call site): callers must not modify the array. superChain is not memoized: it is asked for while
   * supertypes are still being resolved, and would keep an incomplete chain.
   */
  lexicalChain(fqn: string): string[] {
    let out = this.lexical.get(fqn);
    if (out) return out;
    out = [];
    for (let c: string | undefined = fqn; c && out.length < 32; c = this.enclosing(c)) out.push(c);
    this.lexical.set(fqn, out);
    return out;
  }
  private readonly lexical = new Map<string, string[]>();

  /** Direct supertypes that are workspace classes. */
  supertypes(fqn: string): { superClass?: string; interfaces: string[] } {
    let s = this.supers.get(fqn);
    if (s) return s;
    s = { interfaces: [] };
    this.supers.set(fqn, s); // set first: a cyclic (broken) hierarchy cannot recurse
    const c = this.view.classes.get(fqn);
    if (c) {
      // Supertype names are written in the scope enclosing the class (a class cannot extend its own member).
      const scope = this.enclosing(fqn) ?? fqn;
      if (c.superClass) {
        const r = this.resolve(c.superClass, scope);
        if (r && r !== fqn) s.superClass = r;
      }
      for (const i of c.interfaces) {
        const r = this.resolve(i, scope);
        if (r && r !== fqn) s.interfaces.push(r);
      }
    }
    return s;
  }

  /** The superclass chain, the class first (bounded, cycle-safe). */
  superChain(fqn: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (let c: string | undefined = fqn; c && !seen.has(c) && out.length < 64; c = this.supertypes(c).superClass) {
      seen.add(c);
      out.push(c);
    }
    return out;
  }

  /** The workspace class a type name denotes when written inside class `from`, or undefined (library, array, primitive). */
  resolve(typeName: string, from: string): string | undefined {
    let m = this.cache.get(from);
    if (!m) this.cache.set(from, (m = new Map()));
    const hit = m.get(typeName);
    if (hit !== undefined || m.has(typeName)) return hit;
    const r = this.resolveUncached(eraseType(typeName), from);
    m.set(typeName, r);
    return r;
  }

  private resolveUncached(t: string, from: string): string | undefined {
    if (!t || t.endsWith('[]') || !this.lastNames.has(t.slice(t.lastIndexOf('.') + 1))) return undefined;
    const classes = this.view.classes;
    if (classes.has(t) && t.includes('.')) return t;
    if (t.includes('.')) {
      // `Outer.Inner` seen from here, or a qualified name of a class in the default package's nesting.
      const dot = t.indexOf('.');
      const head = this.resolve(t.slice(0, dot), from);
      if (head && classes.has(`${head}.${t.slice(dot + 1)}`)) return `${head}.${t.slice(dot + 1)}`;
      const last = t.slice(t.lastIndexOf('.') + 1);
      const bySuffix = (this.bySimple.get(last) ?? []).filter((n) => n.endsWith(`.${t}`));
      return bySuffix.length === 1 ? bySuffix[0] : undefined;
    }
    // 1. Member types of the class, its enclosing classes and their superclasses; the classes' own names.
    for (const c of this.lexicalChain(from)) {
      if (classes.get(c)?.simpleName === t) return c;
      for (const s of this.superChain(c)) if (classes.has(`${s}.${t}`)) return `${s}.${t}`;
    }
    const info = classes.get(from) ?? classes.get(this.lexicalChain(from).at(-1) ?? from);
    const file = info ? this.view.files.get(info.file) : undefined;
    if (!file) {
      // No import information (a hand-built or partial index): accept a unique simple name.
      const all = this.bySimple.get(t);
      return all?.length === 1 && !JAVA_LANG.has(t) ? all[0] : undefined;
    }
    // 2. Single-type imports; an import naming a library class hides workspace classes of that simple name.
    const single = this.singleImportsOf(file).get(t);
    if (single !== undefined) return classes.has(single) ? single : undefined;
    const imports = this.importsOf(file);
    // 3. Same package.
    const pkg = file.package;
    const samePkg = pkg ? `${pkg}.${t}` : t;
    if (classes.has(samePkg)) return samePkg;
    // 4. On-demand imports (a package or a class whose members are imported).
    for (const imp of imports) {
      if (imp.isStatic || !imp.wildcard) continue;
      if (classes.has(`${imp.name}.${t}`)) return `${imp.name}.${t}`;
    }
    return undefined;
  }

  private readonly imports = new WeakMap<FileIndex, ImportDecl[]>();

  /** The file's imports, parsed once. */
  importsOf(file: FileIndex): ImportDecl[] {
    let l = this.imports.get(file);
    if (!l) {
      l = file.imports.map(normalizeImport);
      this.imports.set(file, l);
    }
    return l;
  }

  private readonly singles = new WeakMap<FileIndex, Map<string, string>>();

  /** Simple name -> the single-type import naming it (the first, as javac would report a clash). */
  private singleImportsOf(file: FileIndex): Map<string, string> {
    let m = this.singles.get(file);
    if (!m) {
      m = new Map();
      for (const imp of this.importsOf(file)) {
        if (imp.isStatic || imp.wildcard) continue;
        const simple = imp.name.slice(imp.name.lastIndexOf('.') + 1);
        if (!m.has(simple)) m.set(simple, imp.name);
      }
      this.singles.set(file, m);
    }
    return m;
  }

  /** Workspace classes that directly extend or implement `fqn`. */
  subtypesOf(fqn: string): string[] {
    if (!this.children) {
      this.children = new Map();
      for (const c of [...this.view.classes.keys()].sort()) {
        const s = this.supertypes(c);
        for (const p of [s.superClass, ...s.interfaces]) {
          if (!p) continue;
          const list = this.children.get(p);
          if (list) list.push(c);
          else this.children.set(p, [c]);
        }
      }
    }
    return this.children.get(fqn) ?? [];
  }
  private children?: Map<string, string[]>;
}

export interface ImportDecl {
  name: string;
  isStatic: boolean;
  wildcard: boolean;
}

/** Accepts `import static a.B.c;`, `static a.B.c`, `a.b.*` and plain names. */
export function normalizeImport(raw: string): ImportDecl {
  let s = raw.trim().replace(/^import\s+/, '').replace(/;$/, '').trim();
  let isStatic = false;
  if (s.startsWith('static ')) {
    isStatic = true;
    s = s.slice(7).trim();
  }
  s = s.replace(/\s+/g, '');
  const wildcard = s.endsWith('.*');
  return { name: wildcard ? s.slice(0, -2) : s, isStatic, wildcard };
}

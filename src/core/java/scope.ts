// Names in scope while indexing one file: classes of the file (with their fields, inherited ones from
// classes of the same file, and lexically enclosing classes), and method units (a method, constructor,
// initializer or lambda) with their parameters and locals. Good enough to type receivers and arguments,
// which is all the template builder and the call classifier need.
import type { ClassInfo, MethodInfo } from '../model';
import type { SyntaxNode } from './parser';
import { simpleType, unparen, namedKids } from './syntax';
import { trimmed } from '../util/trimmed';

export interface FieldDecl {
  type: string;
  isStatic: boolean;
  isFinal: boolean;
  init?: SyntaxNode;
}

export interface ClassCtx {
  info: ClassInfo;
  outer?: ClassCtx;
  /** The method unit a local or anonymous class is declared in (its captured variables). */
  unit?: UnitCtx;
  fields: Map<string, FieldDecl>;
  anonCount: number;
  /** Pseudo units holding the lambda counters of static and instance field initializers. */
  staticInit?: UnitCtx;
  instanceInit?: UnitCtx;
}

export interface UnitCtx {
  method: MethodInfo;
  /** The declaration (method, constructor, lambda, initializer) whose body this is. */
  decl: SyntaxNode;
  body: SyntaxNode | null;
  cls: ClassCtx;
  parent?: UnitCtx;
  locals: Map<string, string>;
  // The three below start as shared empty collections and get their own on the first write (most methods
  // have no initialized local, reassignment or catch): written only through addLocalInit/addAssigned/addCatchParam.
  localInits: ReadonlyMap<string, SyntaxNode>;
  /** Locals assigned after their declaration (or declared twice): their initializer is not their value. */
  assigned: ReadonlySet<string>;
  catchParams: ReadonlySet<string>;
  invocations: SyntaxNode[];
  lambdaCount: number;
  /** False for the pseudo units of field initializers (they get no MethodInfo). */
  registered: boolean;
}

/** A new unit's localInits, and its assigned and catchParams, until written (see UnitCtx). */
export const NO_INITS: ReadonlyMap<string, SyntaxNode> = new Map();
export const NO_NAMES: ReadonlySet<string> = new Set();

export function addLocalInit(u: UnitCtx, name: string, init: SyntaxNode): void {
  if (u.localInits === NO_INITS) u.localInits = new Map();
  (u.localInits as Map<string, SyntaxNode>).set(name, init);
}

export function addAssigned(u: UnitCtx, name: string): void {
  if (u.assigned === NO_NAMES) u.assigned = new Set();
  (u.assigned as Set<string>).add(name);
}

export function addCatchParam(u: UnitCtx, name: string): void {
  if (u.catchParams === NO_NAMES) u.catchParams = new Set();
  (u.catchParams as Set<string>).add(name);
}

export interface FieldHit {
  cls: ClassCtx;
  field: FieldDecl;
}

/** All classes of the file by simple name and by qualified name, for superclass and `X.f` lookups. */
export class FileScope {
  readonly bySimple = new Map<string, ClassCtx>();
  readonly byName = new Map<string, ClassCtx>();

  add(c: ClassCtx): void {
    this.byName.set(c.info.name, c);
    if (!this.bySimple.has(c.info.simpleName)) this.bySimple.set(c.info.simpleName, c);
  }

  /** A class of this file named as written (`Inner`, `Outer.Inner`, `pkg.Outer`). */
  classNamed(written: string): ClassCtx | undefined {
    return this.byName.get(written) ?? this.bySimple.get(written.slice(written.lastIndexOf('.') + 1));
  }

  /** A field of `cls`, its superclasses in this file, or its lexically enclosing classes. */
  field(cls: ClassCtx | undefined, name: string): FieldHit | undefined {
    // Bounded instead of tracking visited classes (this runs for most identifiers, and a Set each time
    // showed in profiles): a cyclic hierarchy in broken code just stops at the bound.
    for (let outer = cls, i = 0; outer && i < 64; outer = outer.outer, i++) {
      for (let c: ClassCtx | undefined = outer, j = 0; c && j < 64; c = c.info.superClass ? this.classNamed(c.info.superClass) : undefined, j++) {
        const f = c.fields.get(name);
        if (f) return { cls: c, field: f };
      }
    }
    return undefined;
  }

  /** A local or parameter of the unit or of units it is nested in (lambdas, anonymous classes capture them). */
  local(unit: UnitCtx | undefined, name: string): { unit: UnitCtx; type: string } | undefined {
    for (let u = unit; u; u = u.parent ?? u.cls.unit) {
      const t = u.locals.get(name);
      if (t !== undefined) return { unit: u, type: t };
    }
    return undefined;
  }

  isCatchParam(unit: UnitCtx | undefined, name: string): boolean {
    for (let u = unit; u; u = u.parent ?? u.cls.unit) {
      if (u.locals.has(name)) return u.catchParams.has(name);
    }
    return false;
  }

  /** The declared or evident type of an expression (simple name), or undefined. */
  typeOfExpr(node: SyntaxNode, unit: UnitCtx | undefined, cls: ClassCtx | undefined): string | undefined {
    const n = unparen(node);
    switch (n.type) {
      case 'string_literal': return 'String';
      case 'character_literal': return 'char';
      case 'true': case 'false': return 'boolean';
      case 'decimal_integer_literal': case 'hex_integer_literal': case 'octal_integer_literal': case 'binary_integer_literal':
        return /[lL]$/.test(n.text) ? 'long' : 'int';
      case 'decimal_floating_point_literal': case 'hex_floating_point_literal':
        return /[fF]$/.test(n.text) ? 'float' : 'double';
      case 'this': return cls?.info.simpleName;
      case 'object_creation_expression': return simpleType(n.childForFieldName('type')?.text ?? '?');
      case 'array_creation_expression': {
        const t = n.childForFieldName('type')?.text ?? '?';
        const dims = (n.text.match(/\[/g) ?? []).length;
        return simpleType(t) + '[]'.repeat(Math.max(1, dims));
      }
      case 'cast_expression': return simpleType(n.childForFieldName('type')?.text ?? '?');
      case 'instanceof_expression': return 'boolean';
      case 'identifier': {
        const name = n.text;
        const l = this.local(unit, name);
        if (l) return l.type === 'var' ? this.varType(l.unit, name, cls) : l.type;
        return this.field(cls, name)?.field.type;
      }
      case 'field_access': {
        const obj = n.childForFieldName('object');
        const f = n.childForFieldName('field')?.text ?? '';
        if (!obj) return undefined;
        if (f === 'length' && this.typeOfExpr(obj, unit, cls)?.endsWith('[]')) return 'int';
        if (obj.type === 'this') return this.field(cls, f)?.field.type;
        const owner = obj.type === 'identifier' && !this.local(unit, obj.text) && !this.field(cls, obj.text) ? this.classNamed(obj.text) : undefined;
        return owner ? this.field(owner, f)?.field.type : undefined;
      }
      case 'array_access': {
        const arr = n.childForFieldName('array');
        const t = arr ? this.typeOfExpr(arr, unit, cls) : undefined;
        return t?.endsWith('[]') ? t.slice(0, -2) : undefined;
      }
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.type;
        if (op && ['==', '!=', '<', '>', '<=', '>=', '&&', '||'].includes(op)) return 'boolean';
        if (op === '+') {
          // String if either side is; checked along the left spine without recursion.
          let cur: SyntaxNode = n;
          while (cur.type === 'binary_expression' && cur.childForFieldName('operator')?.type === '+') {
            const r = cur.childForFieldName('right');
            if (r && unparen(r).type === 'string_literal') return 'String';
            const l = cur.childForFieldName('left');
            if (!l) break;
            cur = unparen(l);
          }
          if (cur.type === 'string_literal') return 'String';
        }
        return undefined;
      }
      case 'method_invocation': {
        const name = n.childForFieldName('name')?.text ?? '';
        const obj = n.childForFieldName('object')?.text;
        if (name === 'toString' || name === 'format' && (obj === 'String' || obj === 'MessageFormat') || name === 'valueOf' && obj === 'String' || name === 'formatted') return 'String';
        if (name === 'size' || name === 'length' || name === 'hashCode' || name === 'indexOf') return 'int';
        if (/^(is|has|contains|equals)/.test(name)) return 'boolean';
        return undefined;
      }
      default: return undefined;
    }
  }

  /** The type of a `var` local, from its initializer. */
  private varType(unit: UnitCtx, name: string, cls: ClassCtx | undefined): string | undefined {
    const init = unit.localInits.get(name);
    if (!init) return undefined;
    const t = unparen(init).type;
    // only evident initializers: no recursion through other vars
    if (t === 'identifier') return undefined;
    return this.typeOfExpr(init, undefined, cls);
  }
}

/** Declarators of a field or local declaration: name, extra `[]` dims on the name, initializer. */
export function declarators(decl: SyntaxNode): { name: string; dims: string; value?: SyntaxNode }[] {
  const out: { name: string; dims: string; value?: SyntaxNode }[] = [];
  for (const d of decl.childrenForFieldName('declarator')) {
    if (!d) continue;
    const name = d.childForFieldName('name')?.text;
    if (!name) continue;
    const dims = d.childForFieldName('dimensions')?.text.replace(/\s+/g, '') ?? '';
    const value = d.childForFieldName('value') ?? undefined;
    out.push({ name, dims, value });
  }
  return out;
}

/** Parameters of a method/constructor/lambda: names and signature types (`T...` -> `T[]`). */
export function parameters(params: SyntaxNode | null): { names: string[]; types: string[] } {
  const names: string[] = [];
  const types: string[] = [];
  if (!params) return { names, types };
  if (params.type === 'identifier') return { names: [params.text], types: ['?'] };
  for (const p of namedKids(params)) {
    if (p.type === 'formal_parameter') {
      const dims = p.childForFieldName('dimensions')?.text.replace(/\s+/g, '') ?? '';
      names.push(p.childForFieldName('name')?.text ?? '?');
      types.push(simpleType(p.childForFieldName('type')?.text ?? '?') + dims);
    } else if (p.type === 'spread_parameter') {
      const typeNode = namedKids(p).find((k) => k.type !== 'modifiers' && k.type !== 'variable_declarator');
      const decl = namedKids(p).find((k) => k.type === 'variable_declarator');
      names.push(decl?.childForFieldName('name')?.text ?? '?');
      types.push(simpleType(typeNode?.text ?? '?') + '[]');
    } else if (p.type === 'identifier') {
      names.push(p.text);
      types.push('?');
    }
  }
  return { names: trimmed(names), types: trimmed(types) };
}

// Which catch clauses an exception can reach. The builder knows only what it can see: the JDK's common
// exception types (below), exception classes declared in the same file, and whatever the caller's
// `superclassOf` hook knows about the rest of the workspace. Unknown ancestry is answered "maybe".
import type { SyntaxNode, SyntaxTree } from '../java/parser';

/** 'definite': this catch takes the exception, it propagates no further; 'maybe': it may, and may not. */
export type CatchMatch = 'no' | 'maybe' | 'definite';

/** Superclass of each well-known JDK throwable (simple names). Throwable is the root. */
const JDK_PARENT: Readonly<Record<string, string>> = {
  Exception: 'Throwable',
  Error: 'Throwable',
  RuntimeException: 'Exception',
  IOException: 'Exception',
  UncheckedIOException: 'RuntimeException',
  FileNotFoundException: 'IOException',
  EOFException: 'IOException',
  InterruptedIOException: 'IOException',
  SocketTimeoutException: 'InterruptedIOException',
  SocketException: 'IOException',
  ConnectException: 'SocketException',
  BindException: 'SocketException',
  UnknownHostException: 'IOException',
  MalformedURLException: 'IOException',
  ClosedChannelException: 'IOException',
  AsynchronousCloseException: 'ClosedChannelException',
  ClosedByInterruptException: 'AsynchronousCloseException',
  FileSystemException: 'IOException',
  NoSuchFileException: 'FileSystemException',
  FileAlreadyExistsException: 'FileSystemException',
  AccessDeniedException: 'FileSystemException',
  InterruptedException: 'Exception',
  TimeoutException: 'Exception',
  ExecutionException: 'Exception',
  ReflectiveOperationException: 'Exception',
  ClassNotFoundException: 'ReflectiveOperationException',
  CloneNotSupportedException: 'Exception',
  URISyntaxException: 'Exception',
  SQLException: 'Exception',
  IllegalArgumentException: 'RuntimeException',
  NumberFormatException: 'IllegalArgumentException',
  IllegalStateException: 'RuntimeException',
  NullPointerException: 'RuntimeException',
  UnsupportedOperationException: 'RuntimeException',
  IndexOutOfBoundsException: 'RuntimeException',
  ArrayIndexOutOfBoundsException: 'IndexOutOfBoundsException',
  StringIndexOutOfBoundsException: 'IndexOutOfBoundsException',
  ClassCastException: 'RuntimeException',
  ArithmeticException: 'RuntimeException',
  ConcurrentModificationException: 'RuntimeException',
  NoSuchElementException: 'RuntimeException',
  SecurityException: 'RuntimeException',
  RejectedExecutionException: 'RuntimeException',
  CancellationException: 'IllegalStateException',
  AssertionError: 'Error',
  LinkageError: 'Error',
  VirtualMachineError: 'Error',
  OutOfMemoryError: 'VirtualMachineError',
  StackOverflowError: 'VirtualMachineError',
};

/** Catch types treated as catching whatever a call may throw (the brief: Exception/Throwable/RuntimeException catch all). */
const CATCH_ALL = new Set(['Throwable', 'Exception']);

/** `java.io.IOException` -> `IOException`; `Foo<Bar>` -> `Foo`; `Outer.Inner` -> `Inner`. */
export function simpleTypeName(text: string): string {
  const noGenerics = text.replace(/<[^]*$/, '').replace(/\[\]/g, '').trim();
  const dot = noGenerics.lastIndexOf('.');
  return dot >= 0 ? noGenerics.slice(dot + 1) : noGenerics;
}

const fileHierarchies = new WeakMap<SyntaxTree, Map<string, string>>();

/** `class X extends Y` in source text (comments and strings may add a harmless stray pair). */
const EXTENDS = /\bclass\s+([A-Za-z_$][\w$]*)\s*(?:<[^{]*?>)?\s*extends\s+([A-Za-z_$][\w$.]*)/g;

/** `class X extends Y` pairs declared anywhere in the file of `node` (cached per tree). */
export function fileSuperclasses(node: SyntaxNode): Map<string, string> {
  const tree = node.tree;
  let map = fileHierarchies.get(tree);
  if (map) return map;
  map = new Map();
  // A regular expression over the text: walking the whole tree for this costs more than parsing it.
  for (const m of tree.source.matchAll(EXTENDS)) map.set(m[1]!, simpleTypeName(m[2]!));
  fileHierarchies.set(tree, map);
  return map;
}

export type SuperclassLookup = (simpleName: string) => string | undefined;

/** The known ancestry of `type`, itself first; `complete` when it reaches Throwable. */
export function ancestry(type: string, lookup: SuperclassLookup): { chain: string[]; complete: boolean } {
  const chain = [type];
  let cur = type;
  for (let i = 0; i < 64 && cur !== 'Throwable'; i++) {
    const parent = lookup(cur) ?? JDK_PARENT[cur];
    if (!parent || chain.includes(parent)) return { chain, complete: false };
    chain.push(parent);
    cur = parent;
  }
  return { chain, complete: cur === 'Throwable' };
}

/**
 * Can an exception of type `thrown` (undefined: unknown, as for whatever a call raises) be caught by a
 * catch clause listing `caught` types?
 */
export function matchCatch(thrown: string | undefined, caught: readonly string[], lookup: SuperclassLookup): CatchMatch {
  let best: CatchMatch = 'no';
  for (const raw of caught) {
    const c = simpleTypeName(raw);
    let m: CatchMatch;
    if (thrown === undefined) {
      m = CATCH_ALL.has(c) ? 'definite' : 'maybe';
    } else {
      const { chain, complete } = ancestry(thrown, lookup);
      if (chain.includes(c)) m = 'definite';
      else if (complete) m = 'no';
      // Ancestry unknown: a catch-all takes it; any other type might be an ancestor we cannot see.
      else m = CATCH_ALL.has(c) ? 'definite' : 'maybe';
    }
    if (m === 'definite') return m;
    if (m === 'maybe') best = 'maybe';
  }
  return best;
}

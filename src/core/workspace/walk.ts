// Which .java files of a source tree get indexed: build outputs, VCS and IDE folders, .gitignore'd paths
// and (by default) test sources are left out; include/exclude globs narrow it further.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';

export interface WalkOptions {
  /** Globs relative to the root (`src/main/**`); when given, a file must match one. */
  include?: string[] | undefined;
  /** Globs relative to the root; matching files (and folders) are skipped. */
  exclude?: string[] | undefined;
  /** Index test sources too (`src/test/**`, `**\/test/**`, `*Test.java`, `*Tests.java`, `*IT.java`). Default false. */
  includeTests?: boolean | undefined;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean | undefined;
}

/** Folder names never worth indexing. */
export const DEFAULT_EXCLUDED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules', '.gradle', '.idea', '.svn', '.hg']);

/**
 * Build output folders (Maven `target/`, Gradle `build/`, `out/`, `dist/`). A Java package may have the same
 * name (`org.springframework.aop.target`), so one is skipped only where build output lives: beside a build
 * file, or anywhere outside a `src` folder.
 */
export const BUILD_OUTPUT_DIRS: ReadonlySet<string> = new Set(['target', 'build', 'out', 'dist']);
const BUILD_FILES = ['pom.xml', 'build.gradle', 'build.gradle.kts', 'build.xml', 'settings.gradle', 'settings.gradle.kts', 'package.json'];

function isBuildOutput(parentRel: string, siblings: readonly string[]): boolean {
  return !parentRel.split('/').includes('src') || BUILD_FILES.some((f) => siblings.includes(f));
}

export const TEST_GLOBS: readonly string[] = ['**/src/test/**', 'src/test/**', '**/test/**', '**/*Test.java', '**/*Tests.java', '**/*IT.java'];

/** A `test` folder below `src/main/` is a package (`org.springframework.test`), not test sources. */
function testMatcher(): (rel: string) => boolean {
  const testFolder = picomatch('**/test/**', { dot: true });
  const others = picomatch(TEST_GLOBS.filter((g) => g !== '**/test/**'), { dot: true });
  return (rel) => others(rel) || (testFolder(rel) && !/(^|\/)src\/main\//.test(rel));
}

type Matcher = (path: string) => boolean;

/** One rule of a .gitignore, anchored at the folder holding that file. */
interface IgnoreRule {
  base: string; // folder of the .gitignore, relative to root ('' for the root)
  match: Matcher;
  negate: boolean;
  dirOnly: boolean;
  /** A bare name (`target/`, `out`): meant for build outputs at module roots, not for packages under src/. */
  bare: boolean;
  /** Literal text every match ends with (`.class` for `*.class`): most paths fail this test, no glob needed. */
  tail: string;
}

/** The glob's literal ending after its last wildcard or folder separator ('' if it ends with one). */
function literalTail(glob: string): string {
  const cut = Math.max(...['/', '*', '?', '[', ']', '{', '}', '(', ')', '!', '+', '@', '\\'].map((c) => glob.lastIndexOf(c)));
  return glob.slice(cut + 1);
}

/** Turns the simple .gitignore forms (globs, `/anchored`, `dir/`, `!negation`) into rules. */
export function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let p = raw.replace(/(?<!\\)\s+$/, '');
    if (!p || p.startsWith('#')) continue;
    const negate = p.startsWith('!');
    if (negate) p = p.slice(1);
    if (p.startsWith('\\')) p = p.slice(1);
    const dirOnly = p.endsWith('/');
    if (dirOnly) p = p.slice(0, -1);
    if (!p) continue;
    const anchored = p.startsWith('/') || p.includes('/');
    if (p.startsWith('/')) p = p.slice(1);
    const glob = anchored ? p : `**/${p}`;
    rules.push({ base, match: picomatch(glob, { dot: true }), negate, dirOnly, bare: !anchored, tail: literalTail(glob) });
  }
  return rules;
}

/**
 * Last matching rule wins, as in git. One departure: a bare-name rule does not hide a folder below a `src`
 * folder. Git ignores only untracked files, and projects do track packages such as
 * `src/main/java/org/springframework/aop/target/` while ignoring `target/`; without git's index we go by layout.
 */
function ignored(rules: readonly IgnoreRule[], rel: string, isDir: boolean): boolean {
  let result = false;
  const underSrc = isDir && rel.split('/').slice(0, -1).includes('src');
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    if (underSrc && r.bare) continue;
    if (r.base && !rel.startsWith(r.base + '/')) continue;
    if (!rel.endsWith(r.tail)) continue;
    const local = r.base ? rel.slice(r.base.length + 1) : rel;
    if (r.match(local)) result = !r.negate;
  }
  return result;
}

/** The .java files under `root`, as sorted '/'-separated paths relative to it. */
export async function walkJavaFiles(root: string, opts: WalkOptions = {}): Promise<string[]> {
  const include = opts.include?.length ? picomatch(opts.include, { dot: true }) : undefined;
  const exclude = opts.exclude?.length ? picomatch(opts.exclude, { dot: true }) : undefined;
  const tests = opts.includeTests ? undefined : testMatcher();
  const useGitignore = opts.gitignore !== false;
  const out: string[] = [];
  // explicit stack: deep folder trees must not recurse
  const stack: { rel: string; rules: IgnoreRule[] }[] = [{ rel: '', rules: [] }];
  while (stack.length) {
    const { rel, rules: inherited } = stack.pop()!;
    const abs = rel ? join(root, rel) : root;
    let entries;
    try {
      // Synchronous on purpose: one promise round trip through the thread pool per folder made the walk
      // of a big tree (thousands of folders) cost a third of indexing it.
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: skip it, keep the rest
    }
    let rules = inherited;
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        rules = [...inherited, ...parseGitignore(readFileSync(join(abs, '.gitignore'), 'utf8'), rel)];
      } catch { /* unreadable .gitignore: ignore it */ }
    }
    let names: string[] | undefined;
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (DEFAULT_EXCLUDED_DIRS.has(e.name)) continue;
        if (BUILD_OUTPUT_DIRS.has(e.name) && isBuildOutput(rel, names ??= entries.map((x) => x.name))) continue;
        if (ignored(rules, childRel, true)) continue;
        if (exclude?.(childRel)) continue;
        stack.push({ rel: childRel, rules });
      } else if (e.isFile() && e.name.endsWith('.java')) {
        if (ignored(rules, childRel, false)) continue;
        if (exclude?.(childRel)) continue;
        if (tests?.(childRel)) continue;
        if (include && !include(childRel)) continue;
        out.push(childRel);
      }
    }
  }
  return out.sort();
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { walkJavaFiles } from './walk';

const FILES = [
  'src/main/java/p/A.java',
  'src/main/java/p/sub/B.java',
  'src/main/java/p/ATest.java',
  'src/main/java/p/ATests.java',
  'src/main/java/p/AIT.java',
  'src/test/java/p/Helper.java',
  'module/test/p/T.java',
  'target/generated/G.java',
  'build/x/G.java',
  'node_modules/x/G.java',
  'out/G.java', 'dist/G.java', '.gradle/G.java', '.idea/G.java', '.git/G.java',
  'gen/Generated.java',
  'gen/keep/Kept.java',
  'logs/Local.java',
  'src/main/java/p/Scratch.java',
  'src/main/java/p/notes.txt',
  'src/main/resources/R.java',
  'src/main/java/org/aop/target/Kept.java',
  'src/main/java/org/x/build/Kept.java',
  'mod/pom.xml',
  'mod/src/main/java/M.java',
  'mod/target/classes/Gen.java',
  'gradle/build.gradle',
  'gradle/build/generated/Gen.java',
  'gradle/src/build/Kept.java',
  'src/main/java/org/test/Kept.java',
];

function makeTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'logsynth-walk-'));
  for (const f of FILES) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), 'class X {}');
  }
  writeFileSync(join(root, '.gitignore'), '# comment\n/gen/*\n!/gen/keep/\nlogs/\ntarget/\n');
  writeFileSync(join(root, 'src/main/java/p/.gitignore'), 'Scratch.java\n');
  return root;
}

test('default excludes: build outputs (not packages named like them), VCS/IDE folders, .gitignore (anchored, dir-only, negation, nested), tests', async () => {
  const root = makeTree();
  try {
    assert.deepEqual(await walkJavaFiles(root), [
      'gen/keep/Kept.java',
      'gradle/src/build/Kept.java',
      'mod/src/main/java/M.java',
      'src/main/java/org/aop/target/Kept.java',
      'src/main/java/org/test/Kept.java',
      'src/main/java/org/x/build/Kept.java',
      'src/main/java/p/A.java',
      'src/main/java/p/sub/B.java',
      'src/main/resources/R.java',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('includeTests, include and exclude globs, gitignore off', async () => {
  const root = makeTree();
  try {
    assert.deepEqual(await walkJavaFiles(root, { includeTests: true, include: ['src/**'] }), [
      'src/main/java/org/aop/target/Kept.java', 'src/main/java/org/test/Kept.java', 'src/main/java/org/x/build/Kept.java',
      'src/main/java/p/A.java', 'src/main/java/p/AIT.java', 'src/main/java/p/ATest.java', 'src/main/java/p/ATests.java',
      'src/main/java/p/sub/B.java', 'src/main/resources/R.java', 'src/test/java/p/Helper.java',
    ]);
    assert.deepEqual(await walkJavaFiles(root, { exclude: ['**/sub/**', 'src/main/resources', 'src/main/java/org/**', 'mod/**', 'gradle'] }), ['gen/keep/Kept.java', 'src/main/java/p/A.java']);
    assert.deepEqual(await walkJavaFiles(root, { gitignore: false, include: ['gen/**', 'logs/**', '**/Scratch.java'] }), [
      'gen/Generated.java', 'gen/keep/Kept.java', 'logs/Local.java', 'src/main/java/p/Scratch.java',
    ]);
    assert.deepEqual(await walkJavaFiles(join(root, 'no-such-dir')), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

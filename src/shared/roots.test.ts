// Multi-root workspaces as one tree: the common folder, the folders under it, nested folders folded in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, sep } from 'node:path';
import { inFolders, workspaceRoots } from './roots';

const base = join(sep, 'work', 'ws');

test('workspace roots: one folder is its own root; several share their deepest common folder', () => {
  assert.deepEqual(workspaceRoots([base]), { root: base, folders: [''], outside: [] });
  assert.deepEqual(workspaceRoots([join(base, 'svc'), join(base, 'libs', 'core')]), { root: base, folders: ['svc', 'libs/core'], outside: [] });
  assert.deepEqual(workspaceRoots([join(base, 'a', 'x'), join(base, 'a', 'y')]), { root: join(base, 'a'), folders: ['x', 'y'], outside: [] });
  // a folder inside another is walked with it; the same folder twice is one
  assert.deepEqual(workspaceRoots([join(base, 'svc'), join(base, 'svc', 'sub'), join(base, 'svc')]), { root: join(base, 'svc'), folders: [''], outside: [] });
  assert.deepEqual(workspaceRoots([join(base, 'a'), base]), { root: base, folders: [''], outside: [] });
  assert.equal(workspaceRoots([]), undefined);
});

test('workspace roots: a key counts only inside a workspace folder', () => {
  const r = workspaceRoots([join(base, 'svc'), join(base, 'libs', 'core')])!;
  assert.ok(inFolders(r, 'svc/src/A.java'));
  assert.ok(inFolders(r, 'libs/core/B.java'));
  assert.ok(!inFolders(r, 'libs/other/C.java'));
  assert.ok(!inFolders(r, 'svc2/A.java'));
  assert.ok(inFolders(workspaceRoots([base])!, 'anything/A.java'));
});

// The event-count detectors on small hand-made data where the right answer is known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../util/rng';
import { DecisionTreeDetector } from './dtree';
import { IsolationForestDetector } from './iforest';
import { InvariantMiningDetector } from './invariants';
import { linearSvm, logisticRegression } from './linear';
import { LogClusteringDetector } from './logclustering';
import { PcaDetector } from './pca';
import type { LabeledSequence } from './types';

const rep = (e: string, n: number) => new Array<string>(n).fill(e);
const normal = (events: string[]): LabeledSequence => ({ events, anomaly: false });
const ctx = () => ({ rng: createRng(7) });

/** Two kinds of session, each with paired events (E1 with E2, E3 with E4), and an occasional extra E1/E3. */
function pairedSessions(n: number): LabeledSequence[] {
  const rng = createRng(1);
  return Array.from({ length: n }, (_, i) => {
    const k = rng.int(1, 4), extra = i % 5 === 0 ? 1 : 0;
    return normal(i % 2 ? [...rep('E1', k + extra), ...rep('E2', k)] : [...rep('E3', k + extra), ...rep('E4', k)]);
  });
}

test('PCA: the planted outlier is the one session whose residual exceeds the Q-statistic threshold', async () => {
  const data = pairedSessions(200);
  const outlier = normal(rep('E1', 7)); // E1 without its E2: far outside the normal subspace
  data.splice(100, 0, outlier);
  const pca = new PcaDetector();
  await pca.fit(data, ctx());
  const flagged = (await pca.predict(data.map((s) => s.events))).flatMap((f, i) => (f ? [i] : []));
  assert.deepEqual(flagged, [100]);
  const spe = pca.spe(data.map((s) => s.events));
  assert.equal(spe.indexOf(Math.max(...spe)), 100);
  assert.ok(pca.components >= 1 && pca.components < 4);
});

test('Invariant Mining finds count(E1) == count(E2) and flags a session that breaks it', async () => {
  const rng = createRng(3);
  const data = Array.from({ length: 300 }, () => {
    const k = rng.int(1, 5);
    return normal([...rep('E1', k), ...rep('E3', rng.int(0, 3)), ...rep('E2', k)]);
  });
  const im = new InvariantMiningDetector();
  await im.fit(data, ctx());
  const inv = im.invariants.find((v) => v.events.join() === 'E1,E2');
  assert.ok(inv, `no E1/E2 invariant among ${JSON.stringify(im.invariants)}`);
  assert.equal(inv.coefs[0], -inv.coefs[1]!);
  assert.notEqual(inv.coefs[0], 0);
  assert.deepEqual(await im.predict([['E1', 'E1', 'E2'], ['E1', 'E3', 'E3', 'E2'], ['E1', 'E2', 'E2', 'E2']]), [true, false, true]);
});

test('LogClustering: a session unlike every Normal cluster is an anomaly, a member is not', async () => {
  const data = pairedSessions(120);
  const lc = new LogClusteringDetector();
  await lc.fit(data, ctx());
  assert.ok(lc.representatives.length >= 2);
  assert.deepEqual(await lc.predict([['E1', 'E1', 'E2', 'E2'], ['E3', 'E4'], ['E1', 'E3']]), [false, false, true]);
});

test('Isolation Forest isolates a planted far outlier and keeps typical sessions', async () => {
  const data = pairedSessions(300);
  const far = [...rep('E1', 40), ...rep('E2', 40)]; // 3 of 300 sessions (1% < contamination 3%)
  data.push(normal(far), normal(far), normal(far));
  const iforest = new IsolationForestDetector();
  await iforest.fit(data, ctx());
  const [farVerdict, typical] = await iforest.predict([far, ['E1', 'E1', 'E2', 'E2']]);
  assert.equal(farVerdict, true);
  assert.equal(typical, false);
  // Same seed, same forest.
  const again = new IsolationForestDetector();
  await again.fit(data, ctx());
  assert.equal(again.threshold, iforest.threshold);
});

/** Anomalous iff the session contains E9; the other events are noise shared by both classes. */
function separable(n: number, seed: number): LabeledSequence[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const anomaly = i % 4 === 0;
    const events = [...rep('E1', rng.int(1, 3)), ...rep('E2', rng.int(0, 2)), ...(anomaly ? rep('E9', rng.int(1, 2)) : []), ...rep('E3', rng.int(0, 3))];
    return { events, anomaly };
  });
}

for (const make of [logisticRegression, () => new DecisionTreeDetector(), linearSvm]) {
  const name = make().name;
  test(`${name} separates a linearly separable set (held-out sessions all right)`, async () => {
    const d = make();
    await d.fit(separable(200, 11), ctx());
    const held = separable(80, 12);
    assert.deepEqual(await d.predict(held.map((s) => s.events)), held.map((s) => s.anomaly));
  });
}

// Evaluation-bench figures (issue 6): seconds to train and evaluate each detector on HDFS_100k
// (6,352 training / 1,588 test sessions, the deep-loglizer split), one seed, real data only.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const mod = (p) => require(join(root, 'out', 'src', 'core', p));

export async function run() {
  const { readSessions } = mod('eval/data.js');
  const { DETECTORS } = mod('eval/detectors/registry.js');
  const { score } = mod('eval/metrics.js');
  const { createRng } = mod('util/rng.js');
  const { sharedDir } = mod('util/repo.js');
  const { loadTf } = mod('eval/detectors/tf.js');
  const all = readSessions(join(sharedDir(), 'data', 'hdfs', 'HDFS_100k_sessions.csv'));
  const train = all.filter((s) => s.split === 'train').map((s) => ({ events: s.events, anomaly: s.label === 'Anomaly' }));
  const test = all.filter((s) => s.split === 'test');
  const truth = test.map((s) => s.label === 'Anomaly');
  console.log(`  HDFS_100k: ${train.length} train / ${test.length} test sessions; tfjs backend: ${(await loadTf()).backend}`);
  console.log(`  ${'model'.padEnd(16)} ${'train s'.padStart(8)} ${'eval s'.padStart(8)} ${'F1'.padStart(6)}`);
  for (const info of DETECTORS) {
    const d = info.create();
    const t0 = performance.now();
    await d.fit(train, { rng: createRng(`bench:${info.name}`) });
    const t1 = performance.now();
    const pred = await d.predict(test.map((s) => s.events));
    const t2 = performance.now();
    d.dispose?.();
    console.log(`  ${info.name.padEnd(16)} ${((t1 - t0) / 1000).toFixed(2).padStart(8)} ${((t2 - t1) / 1000).toFixed(2).padStart(8)} ${score(truth, pred).f1.toFixed(3).padStart(6)}`);
  }
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readTemplates } from './data';
import { mapEvents, normalizeTemplate, templatesMatch } from './templates';
import { sharedDir } from '../util/repo';

const real = readTemplates(join(sharedDir(), 'data', 'hdfs', 'HDFS_100k_templates.csv'));

test('normalisation unifies wildcard spellings, spacing and case', () => {
  assert.equal(normalizeTemplate('Receiving  block {} src: /[*]'), normalizeTemplate('receiving block <*> src: /<*>'));
});

test('code-style templates map onto the Drain templates of the real HDFS sample', () => {
  // As the code-guided pipeline writes them from Hadoop 0.18.2 logging calls ({} for each argument).
  const synthetic = [
    { eventId: 'E1', template: 'BLOCK* NameSystem.allocateBlock: {} {}' },
    { eventId: 'E2', template: 'Receiving block {} src: {} dest: {}' },
    { eventId: 'E3', template: '{}:Transmitted block {} to {}' },
    { eventId: 'E4', template: 'PacketResponder {} for block {} terminating' },
    { eventId: 'E5', template: 'Received block {} src: {} dest: {} of size {}' },
    { eventId: 'E6', template: 'Unexpected error trying to delete block {}. BlockInfo not found in volumeMap.' },
    { eventId: 'E7', template: '{}' },
  ];
  const m = mapEvents(synthetic, real);
  assert.equal(m.map.get('E1'), 'T1');
  assert.equal(m.map.get('E2'), 'T2');
  assert.equal(m.map.get('E3'), 'T10');
  assert.equal(m.map.get('E4'), 'T5');
  // Not T2 ("Receiving block ... src dest") nor T3 ("Received block ... of size ... from"): T11 is the one.
  assert.equal(m.map.get('E5'), 'T11');
  assert.equal(m.map.get('E6'), 'S:E6'); // an event the 100k sample never shows keeps its own id
  assert.equal(m.map.get('E7'), 'S:E7'); // a bare wildcard matches nothing
  assert.equal(m.matched, 5);
  assert.equal(m.unmatched, 2);
});

test('similar-looking but different messages do not match', () => {
  assert.equal(templatesMatch('Receiving block <*> src: /<*> dest: /<*>', 'Received block <*> of size <*> from /<*>').match, false);
  assert.equal(templatesMatch('PacketResponder <*> for block <*> terminating', 'PacketResponder <*> for block <*> Interrupted.').match, false);
});

test('unmatched ids are shared per template across synthetic sets and never collide', () => {
  const shared = new Map<string, string>();
  const a = mapEvents([{ eventId: 'E9', template: 'Cache flushed in {} ms' }], real, shared);
  const b = mapEvents([
    { eventId: 'E3', template: 'cache flushed in <*> ms' }, // same template, other id -> same event
    { eventId: 'E9', template: 'Lease expired for {}' }, //   same id, other template -> another event
  ], real, shared);
  assert.equal(a.map.get('E9'), 'S:E9');
  assert.equal(b.map.get('E3'), 'S:E9');
  assert.notEqual(b.map.get('E9'), 'S:E9');
  assert.match(b.map.get('E9')!, /^S:E9#\d+$/);
});

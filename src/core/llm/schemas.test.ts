import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractLastJsonObject, pathVerdictSchema, validateAnswer, paramsSchema } from './schemas';

test('extractLastJsonObject takes the last complete object after a chain of thought', () => {
  const text = 'First {"consistent": true} was a draft. Braces in text: if (x) { y(); }\n```json\n{"consistent": false, "reason": "a \\"}\\" in a string", "conflicting_steps": [1, {"n": 2}]}\n```\nDone.';
  const r = extractLastJsonObject(text)!;
  assert.equal(r.value.reason, 'a "}" in a string');
  assert.equal(text.slice(r.start, r.start + 15), '{"consistent": ');
  assert.equal(extractLastJsonObject('no json here'), undefined);
  assert.equal(extractLastJsonObject('{"truncated": tr'), undefined);
  assert.deepEqual(extractLastJsonObject('{"a":1} and {"b":2')!.value, { a: 1 });
});

test('validateAnswer: lenient reasoning, strict types', () => {
  assert.equal(validateAnswer(pathVerdictSchema, { consistent: true, reason: 'ok', conflicting_steps: [] }), undefined);
  assert.match(validateAnswer(pathVerdictSchema, { consistent: 'yes', reason: 'ok', conflicting_steps: [] })!, /boolean/);
  assert.match(validateAnswer(pathVerdictSchema, { consistent: true, reason: 'ok' })!, /conflicting_steps/);
  assert.ok(validateAnswer(pathVerdictSchema, { consistent: true, reason: 'ok', conflicting_steps: [1.5] }));
  assert.ok(validateAnswer(pathVerdictSchema, { consistent: true, reason: 'ok', conflicting_steps: [], extra: 1 }));
  assert.equal(validateAnswer(paramsSchema, { values: [['a'], []] }), undefined);
  assert.ok(validateAnswer(paramsSchema, { values: [[1]] }));
});

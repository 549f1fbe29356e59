// Which verifier a worker run gets: symbolic unless an LLM was asked for in a trusted workspace with settings;
// never an LLM in an untrusted workspace; a remote endpoint without consent is refused (no call is made).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRunVerifier, KeepPartialVerifier } from './verifier';
import type { GenerateSettings } from '../shared/protocol';
import type { Path, VerifyContext } from '../core/model';

const base: GenerateSettings = { depth: 5, maxPaths: 100, loopBound: 1, seed: 1, verifier: 'symbolic', paramStyle: 'log4j' };
const llm = { baseUrl: 'http://127.0.0.1:9/v1', model: 'test-model', allowRemote: false };

test('createRunVerifier: symbolic by default, LLM only when trusted and configured', async () => {
  const sym = await createRunVerifier(base, true, undefined);
  assert.equal(sym.verifier.name, 'symbolic');
  assert.equal(sym.warning, undefined);

  const untrusted = await createRunVerifier({ ...base, verifier: 'llm', llm }, false, undefined);
  assert.equal(untrusted.verifier.name, 'symbolic');
  assert.match(untrusted.warning ?? '', /untrusted/);
  assert.equal(untrusted.stage, undefined);

  const noSettings = await createRunVerifier({ ...base, verifier: 'both' }, true, undefined);
  assert.equal(noSettings.verifier.name, 'symbolic');
  assert.match(noSettings.warning ?? '', /no LLM settings/);

  const both = await createRunVerifier({ ...base, verifier: 'both', llm }, true, undefined);
  assert.equal(both.verifier.name, 'both');
  assert.equal(both.warning, undefined, 'a loopback endpoint needs no consent');
  both.stage?.close();

  // The extension's temperature setting reaches the stage's client (the server test sees it in the request body).
  const tuned = await createRunVerifier({ ...base, verifier: 'llm', llm: { ...llm, temperature: 0.7 } }, true, undefined);
  assert.equal(tuned.stage?.client.temperature, 0.7);
  tuned.stage?.close();
  const quiet = await createRunVerifier({ ...base, verifier: 'llm', llm }, true, undefined);
  assert.equal(quiet.stage?.client.temperature, 0.2, 'the default temperature is low');
  quiet.stage?.close();

  const remote = await createRunVerifier({ ...base, verifier: 'llm', llm: { ...llm, baseUrl: 'https://llm.example.com/v1' } }, true, undefined);
  assert.match(remote.warning ?? '', /not on this machine/);
  remote.stage?.close();

  const bad = await createRunVerifier({ ...base, verifier: 'llm', llm: { ...llm, model: '' } }, true, undefined);
  assert.equal(bad.verifier.name, 'symbolic');
  assert.match(bad.warning ?? '', /model/);
});

test('KeepPartialVerifier: after a cancel the inner verifier is not asked; paths are still verified locally', async () => {
  let asked = 0;
  const inner = { name: 'llm', verify: async () => { asked++; throw new Error('the run is cancelled'); } };
  const v = new KeepPartialVerifier(inner);
  const path: Path = { entry: 'A:m()', steps: [{ methodId: 'A:m()', nodeId: 0, kind: 'entry', loc: { file: 'A.java', line: 1, column: 1 }, depth: 0 }], logIds: [], raises: false };
  const abort = new AbortController();
  abort.abort();
  const ctx: VerifyContext = { methodSource: () => undefined, logs: new Map(), signal: abort.signal };
  const verdicts = await v.verify([path], ctx);
  assert.equal(asked, 0);
  assert.equal(verdicts.length, 1);
  assert.equal(verdicts[0]!.verifier, 'symbolic');
  await assert.rejects(v.verify([path], { ...ctx, signal: undefined }), /cancelled/, 'without a cancel the inner verifier decides');
  assert.equal(asked, 1);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEndpoint, isLoopback } from './endpoint';

test('isLoopback: 127.0.0.0/8, ::1 and localhost only', () => {
  for (const u of ['http://127.0.0.1:11434/v1', 'http://127.8.9.10/v1', 'http://localhost:8080/v1', 'http://LOCALHOST/v1',
    'http://api.localhost/v1', 'http://[::1]:1234/v1', 'http://[::ffff:127.0.0.1]/v1']) {
    assert.equal(isLoopback(u), true, u);
  }
  for (const u of ['https://api.openai.com/v1', 'http://10.0.0.5:8000/v1', 'http://128.0.0.1/v1', 'http://127.0.0.1.nip.io/v1',
    'http://localhost.evil.com/v1', 'http://[::2]/v1', 'http://[::ffff:10.0.0.1]/v1', 'http://0.0.0.0/v1', 'not a url']) {
    assert.equal(isLoopback(u), false, u);
  }
});

test('checkEndpoint: untrusted refuses everything; remote needs allowRemote', () => {
  assert.deepEqual(checkEndpoint({ baseURL: 'http://127.0.0.1:1/v1' }), { allowed: true });
  assert.equal(checkEndpoint({ baseURL: 'http://127.0.0.1:1/v1', trusted: false }).allowed, false);
  const remote = checkEndpoint({ baseURL: 'https://api.openai.com/v1' });
  assert.equal(remote.allowed, false);
  assert.equal(!remote.allowed && remote.reason, 'remote-not-allowed');
  assert.match(!remote.allowed ? remote.message : '', /--llm-allow-remote/);
  assert.deepEqual(checkEndpoint({ baseURL: 'https://api.openai.com/v1', allowRemote: true }), { allowed: true });
  assert.equal(checkEndpoint({ baseURL: 'https://api.openai.com/v1', allowRemote: true, trusted: false }).allowed, false);
  const bad = checkEndpoint({ baseURL: 'ftp://127.0.0.1/v1' });
  assert.equal(!bad.allowed && bad.reason, 'invalid-url');
});

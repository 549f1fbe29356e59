import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MASK, maskSecrets, redact } from './secrets';

test('known credential shapes are masked', () => {
  const cases = [
    'AKIAIOSFODNN7EXAMPLE',
    'sk-proj-Abc123def456Ghi789jkl012',
    'ghp_0123456789abcdefghijABCDEFGHIJ012345',
    'xoxb-1234567890-abcdefghij',
    'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    'hf_abcdefghijklmnopqrstuvwxyz0123456789',
  ];
  for (const c of cases) {
    const out = maskSecrets(`key: ${c} end`);
    assert.ok(!out.includes(c), c);
    assert.ok(out.includes(MASK), c);
  }
});

test('password / token assignments keep the name and lose the value', () => {
  assert.equal(maskSecrets('String password = "hunter2";'), `String password = "${MASK}";`);
  assert.equal(maskSecrets("private static final String DB_PASSWORD = 's3cr3t!';"), `private static final String DB_PASSWORD = '${MASK}';`);
  assert.equal(maskSecrets('{"apiKey": "abc-123-def"}'), `{"apiKey": "${MASK}"}`);
  assert.equal(maskSecrets('jdbc.password=hunter2 user=bob'), `jdbc.password=${MASK} user=bob`);
  assert.equal(maskSecrets('Authorization: Bearer abcdef0123456789xyz'), `Authorization: Bearer ${MASK}`);
  assert.equal(maskSecrets('jdbc:mysql://admin:pa55w0rd@db.example.com:3306/x'), `jdbc:mysql://admin:${MASK}@db.example.com:3306/x`);
});

test('private keys and high-entropy strings are masked; ordinary code and logs are not', () => {
  const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY-----';
  assert.equal(maskSecrets(`k = """${pem}""";`), `k = """${MASK}""";`);
  assert.ok(maskSecrets('digest d41d8cd98f00b204e9800998ecf8427e').includes(MASK));
  assert.ok(maskSecrets('blob Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWpr==').includes(MASK));
  const code = [
    'if (token == null) { this.token = token; }',
    'String t = getToken(); LOG.info("Receiving block " + block.getBlockId() + " src: " + src);',
    'AbstractFileSystemNamespaceManagerFactoryBean factory = new AbstractFileSystemNamespaceManagerFactoryBean();',
    'Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010',
    'PacketResponder 1 for block blk_38865049064139660 terminating',
    'public static final String DFS_NAMENODE_DELEGATION_TOKEN_MAX_LIFETIME_KEY = "dfs.namenode.delegation.token.max-lifetime";',
    'String password = ""; String token = "${env.TOKEN}";',
  ];
  for (const c of code) assert.equal(maskSecrets(c), c);
});

test('masking is idempotent and redact removes exact strings', () => {
  const once = maskSecrets('password="x1y2z3" AKIAIOSFODNN7EXAMPLE');
  assert.equal(maskSecrets(once), once);
  assert.equal(redact('a KEY123456 b KEY123456', ['KEY123456', undefined]), 'a [REDACTED] b [REDACTED]');
  assert.equal(redact('abc', ['']), 'abc');
});

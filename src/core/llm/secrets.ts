// Secret masking: everything that leaves the machine in a prompt, and every line we log or store,
// goes through here first. Source code and log text are user data; a key pasted into a comment or a
// password in a properties string must not reach a remote model or a trace file.

export const MASK = '[MASKED_SECRET]';
export const REDACTED = '[REDACTED]';

// Patterns for well-known credential shapes. Each is replaced whole by MASK.
const WHOLE: RegExp[] = [
  // PEM private keys (RSA, EC, OPENSSH, PKCS#8, encrypted)
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/g, // AWS access key ids
  /\bsk-(?:proj-|ant-|live-|test-)?[A-Za-z0-9_-]{16,}/g, //             OpenAI / Anthropic / Stripe style
  /\b(?:gh[pousr]|github_pat)_[A-Za-z0-9_]{20,}\b/g, //                 GitHub tokens
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, //                              Slack tokens
  /\bAIza[0-9A-Za-z_-]{35}\b/g, //                                      Google API keys
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWTs
  /\bhf_[A-Za-z0-9]{30,}\b/g, //                                        Hugging Face tokens
];

// `password = "x"`, `apiKey: 'x'`, `"secret": "x"`: keep the name, mask the quoted value.
const NAMES = String.raw`[\w.-]*(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth[_-]?key)[\w.-]*`;
const QUOTED_ASSIGN = new RegExp(String.raw`(\b${NAMES}["']?\s*[:=](?!=)\s*)("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')`, 'gi');
// `password=hunter2` with no spaces around the separator (properties, URLs, log text). Code like
// `this.token = token` has spaces and is left alone, so identifiers in source stay readable.
const BARE_ASSIGN = new RegExp(String.raw`(\b${NAMES}[:=](?!=))([^\s"',;&)}\]]{3,})`, 'gi');
// Credentials embedded in URLs: scheme://user:pass@host
const URL_CREDS = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi;
// `Authorization: Bearer xxx`, `Basic xxx`
const BEARER = /(\b(?:Bearer|Basic|Token)\s+)([A-Za-z0-9._~+/-]{12,}=*)/g;
// Long hex or base64-ish runs: candidates for high-entropy secrets, checked by entropy below.
const LONG_TOKEN = /[A-Za-z0-9+/_=-]{32,}/g;
const LONG_HEX = /\b[0-9a-fA-F]{32,}\b/g;

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Values next to a secret-sounding name that are not secrets: empty, a `${placeholder}`, a dotted
 *  configuration key (`dfs.namenode.delegation.token.max-lifetime`), or the mask itself. */
function isHarmless(v: string): boolean {
  return v.length === 0 || v === MASK || /^\$\{[^}]*\}$/.test(v) || /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/.test(v);
}

/** True for a run that looks random (mixed letters and digits, high entropy) rather than a long identifier. */
function looksRandom(s: string): boolean {
  if (!/[0-9]/.test(s) || !/[A-Za-z]/.test(s)) return false;
  // Java-ish identifiers or paths made of words (`org_apache_hadoop_hdfs_server_datanode_v2`) stay.
  if (/^[A-Za-z_]+[0-9]{0,3}$/.test(s)) return false;
  return entropy(s) >= 4.0;
}

/** Masks obvious secrets in text: known key formats, password/token assignments, URL credentials,
 *  bearer tokens, private keys and long high-entropy hex/base64 strings. Idempotent. */
export function maskSecrets(text: string): string {
  let out = text;
  for (const re of WHOLE) out = out.replace(re, MASK);
  out = out.replace(QUOTED_ASSIGN, (m, pre: string, val: string) => (isHarmless(val.slice(1, -1)) ? m : `${pre}${val[0]}${MASK}${val[0]}`));
  out = out.replace(BARE_ASSIGN, (m, pre: string, val: string) => (val === MASK ? m : `${pre}${MASK}`));
  out = out.replace(URL_CREDS, (_m, pre: string, _pw: string, at: string) => `${pre}${MASK}${at}`);
  out = out.replace(BEARER, (_m, pre: string) => `${pre}${MASK}`);
  out = out.replace(LONG_HEX, MASK);
  out = out.replace(LONG_TOKEN, (m) => (looksRandom(m) ? MASK : m));
  return out;
}

/** Replaces every occurrence of the given literal secrets (e.g. the API key in use) by REDACTED. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join(REDACTED);
  }
  return out;
}

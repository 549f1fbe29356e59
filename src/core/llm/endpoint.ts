// Where prompts may go. Source excerpts leave the machine only with consent: a loopback endpoint
// (a local Ollama / vLLM / llama-server / LM Studio) is fine by default, anything else needs an explicit
// opt-in (`allowRemote`), and an untrusted workspace sends nothing at all.
import { maskSecrets } from './secrets';

/** True when the URL's host is a loopback address: 127.0.0.0/8, ::1 (also IPv4-mapped), or localhost. */
export function isLoopback(baseURL: string): boolean {
  let host: string;
  try {
    host = new URL(baseURL).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return host.split('.').every((p) => Number(p) <= 255);
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  // IPv4-mapped IPv6 (WHATWG URL normalizes ::ffff:127.0.0.1 to ::ffff:7f00:1)
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(host);
  if (mapped) return (parseInt(mapped[1]!, 16) >> 8) === 127;
  const mappedDotted = /^::ffff:(\d{1,3})\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.exec(host);
  return mappedDotted ? mappedDotted[1] === '127' : false;
}

export type EndpointRefusal = 'untrusted' | 'remote-not-allowed' | 'invalid-url';

export interface EndpointPolicy {
  baseURL: string;
  /** Explicit consent to send source excerpts to a non-loopback endpoint (CLI `--llm-allow-remote`, extension prompt). */
  allowRemote?: boolean;
  /** False in an untrusted workspace: no calls at all. Default true. */
  trusted?: boolean;
}

export type EndpointDecision = { allowed: true } | { allowed: false; reason: EndpointRefusal; message: string };

/** Decides whether calls may be made to `baseURL` under the consent rules. */
export function checkEndpoint(p: EndpointPolicy): EndpointDecision {
  if (p.trusted === false) {
    return { allowed: false, reason: 'untrusted', message: 'LLM calls are disabled in an untrusted workspace' };
  }
  let url: URL;
  try {
    url = new URL(p.baseURL);
  } catch {
    return { allowed: false, reason: 'invalid-url', message: `LLM base URL is not a valid URL: '${maskSecrets(p.baseURL)}'` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { allowed: false, reason: 'invalid-url', message: `LLM base URL must be http(s): '${url.protocol}'` };
  }
  if (!isLoopback(p.baseURL) && !p.allowRemote) {
    return {
      allowed: false, reason: 'remote-not-allowed',
      message: `LLM endpoint ${url.host} is not on this machine; sending source excerpts there needs explicit consent (--llm-allow-remote)`,
    };
  }
  return { allowed: true };
}

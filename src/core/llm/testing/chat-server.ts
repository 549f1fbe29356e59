// A real HTTP server on 127.0.0.1 speaking the OpenAI `/v1/chat/completions` protocol, scripted per
// test. It stands in for Ollama / vLLM / llama-server / OpenAI (external systems), never for our code:
// the real `openai` client talks to it over a real socket. It records every request (headers and raw
// body) so tests can search them, and counts requests in flight.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  rawBody: string;
  body: ChatRequestBody;
}

export interface ChatRequestBody {
  model?: string;
  temperature?: number;
  messages?: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
}

export type Reply =
  /** A normal answer with this message content (a chat.completion object is built around it). */
  | { content: string; delayMs?: number; usage?: { prompt_tokens: number; completion_tokens: number } }
  /** Any status and JSON body (errors), with headers (e.g. Retry-After). */
  | { status: number; json: unknown; headers?: Record<string, string>; delayMs?: number }
  /** A raw body with the given status and content type (malformed JSON). */
  | { status: number; raw: string; contentType?: string }
  /** Headers, then a body that never ends (a chunk every 50 ms). */
  | { hang: 'body' }
  /** Never answers at all. */
  | { hang: 'headers' }
  /** Drops the connection without a response. */
  | { destroy: true }
  /** Announces a content-length, sends part of the body, then closes the socket. */
  | { truncate: string };

export type Script = (req: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface ChatServer {
  baseURL: string;
  requests: RecordedRequest[];
  maxInFlight: number;
  inFlight: number;
  /** Replace the script (e.g. between a first and a second run). */
  setScript(s: Script): void;
  close(): Promise<void>;
}

export function completion(content: string, usage = { prompt_tokens: 100, completion_tokens: 20 }): unknown {
  return {
    id: 'chatcmpl-test', object: 'chat.completion', created: 1_700_000_000, model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

export async function startChatServer(script: Script): Promise<ChatServer> {
  let current = script;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const state: ChatServer = {
    baseURL: '',
    requests: [],
    maxInFlight: 0,
    inFlight: 0,
    setScript: (s) => { current = s; },
    close: async () => {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body: ChatRequestBody = {};
    try { body = JSON.parse(rawBody) as ChatRequestBody; } catch { /* recorded raw */ }
    const rec: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawBody, body };
    const index = state.requests.length;
    state.requests.push(rec);
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    let done = false;
    const finish = () => { if (!done) { done = true; state.inFlight--; } };
    res.on('finish', finish); // the last byte is handed to the OS before the client can see it
    res.on('close', finish);
    if (req.url !== '/v1/chat/completions' || req.method !== 'POST') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const reply = await current(rec, index);
    const delay = 'delayMs' in reply ? reply.delayMs ?? 0 : 0;
    if (delay) await new Promise((r) => setTimeout(r, delay));
    if ('content' in reply) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(reply.content, reply.usage)));
    } else if ('json' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.json));
    } else if ('raw' in reply) {
      res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' }).end(reply.raw);
    } else if ('hang' in reply) {
      if (reply.hang === 'body') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"chatcmpl-test","choices":[');
        const t = setInterval(() => { if (!res.destroyed) res.write(' '); }, 50);
        timers.add(t);
        res.on('close', () => { clearInterval(t); timers.delete(t); });
      }
      // 'headers': nothing at all is sent; the client's timeout must end it.
    } else if ('destroy' in reply) {
      req.socket.destroy();
    } else {
      const full = JSON.stringify(completion(reply.truncate));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(full.length) });
      res.write(full.slice(0, Math.floor(full.length / 2)));
      setTimeout(() => req.socket.destroy(), 20);
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => { if (!res.headersSent) res.writeHead(500).end(); });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}

/** The user message of a recorded request (where the prompt's data lives). */
export function userMessage(r: RecordedRequest): string {
  return r.body.messages?.find((m) => m.role === 'user')?.content ?? '';
}

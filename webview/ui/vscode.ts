// The one handle on the host: postMessage with typed messages, requests answered by id, and the persisted
// view state (getState/setState) that lets a panel come back as it was after a reload.
import type { HostResponse, WebviewCommand, WebviewMessage, WebviewRequestMap, WebviewRequestMethod } from '../../src/shared/webview-protocol';

interface VsCodeApi {
  postMessage(m: WebviewMessage): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export class Host {
  private readonly api: VsCodeApi;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  constructor() {
    // acquireVsCodeApi may be called once per page load.
    this.api = acquireVsCodeApi();
  }

  post(m: WebviewCommand): void { this.api.postMessage(m); }

  request<M extends WebviewRequestMethod>(method: M, params: WebviewRequestMap[M]['params']): Promise<WebviewRequestMap[M]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.api.postMessage({ type: 'request', id, method, params } as WebviewMessage);
    });
  }

  /** Settles the request a response answers; false when no request has that id. */
  settle(r: HostResponse): boolean {
    const p = this.pending.get(r.id);
    if (!p) return false;
    this.pending.delete(r.id);
    if (r.ok) p.resolve(r.result); else p.reject(new Error(r.error));
    return true;
  }

  getState<T>(): Partial<T> {
    const s = this.api.getState();
    return typeof s === 'object' && s !== null ? (s as Partial<T>) : {};
  }

  setState(s: unknown): void { this.api.setState(s); }
}

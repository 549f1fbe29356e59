// The next-event framework of DeepLog / deep-loglizer, shared by the n-gram, LSTM and Transformer models:
// each event of a session is predicted from the `window` events before it (padded at the session start);
// a session is anomalous when some event is not among the model's top-g candidates, or was never seen in
// the Normal training sessions. Models are trained on Normal sessions only.
//
// One documented departure from DeepLog: the end of a session is itself a predicted event (`<end>`), so
// a session that stops early (HDFS: `T1 T2`, a block allocated and never written) can be rejected. Without
// it no next-event model can flag a truncated session, whatever its training.
//
// Windows repeat massively (HDFS_100k: 81k training windows, 1.8k distinct (context, next) pairs), so
// training and scoring work on distinct pairs with their counts — the same objective, far less work.
import { throwIfAborted, type Detector, type FitContext, type LabeledSequence } from './types';

export const PAD = 0;
export const UNK = 1;
export const END = 2;

export interface NextEventParams { window: number; topG: number; endOfSession: boolean }
export const NEXT_EVENT_DEFAULTS: NextEventParams = { window: 10, topG: 9, endOfSession: true };

export interface Pair { context: number[]; next: number; count: number }

export class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly names: string[] = ['<pad>', '<unk>', '<end>'];
  add(e: string): number {
    let id = this.ids.get(e);
    if (id === undefined) { id = this.names.length; this.ids.set(e, id); this.names.push(e); }
    return id;
  }
  encode(seq: readonly string[]): number[] { return seq.map((e) => this.ids.get(e) ?? UNK); }
  get size(): number { return this.names.length; }
}

/** Every (previous `window` events, next event) pair of the sessions, with how often it occurs. */
export function windowPairs(encoded: readonly number[][], window: number): Pair[] {
  const at = new Map<string, Pair>();
  for (const seq of encoded) {
    const padded = [...new Array<number>(window).fill(PAD), ...seq];
    for (let i = window; i < padded.length; i++) {
      const context = padded.slice(i - window, i);
      const next = padded[i]!;
      const key = `${context.join(',')}>${next}`;
      const p = at.get(key);
      if (p) p.count++; else at.set(key, { context, next, count: 1 });
    }
  }
  return [...at.values()];
}

export abstract class NextEventDetector implements Detector {
  readonly regime = 'normal-only' as const;
  abstract readonly name: string;
  protected vocab = new Vocabulary();

  constructor(readonly params: NextEventParams) {}

  /** Trains on the distinct pairs of the Normal sessions. */
  protected abstract train(pairs: Pair[], ctx: FitContext): Promise<void>;
  /** For each context, how many candidates score strictly higher than `next` (its 0-based rank);
   *  Infinity when the model gives `next` no chance at all (e.g. an n-gram count of 0). */
  protected abstract ranks(contexts: number[][], next: number[]): Promise<number[]>;

  async fit(train: readonly LabeledSequence[], ctx: FitContext): Promise<void> {
    this.vocab = new Vocabulary();
    const normal = train.filter((s) => !s.anomaly);
    for (const s of normal) for (const e of s.events) this.vocab.add(e);
    throwIfAborted(ctx.signal);
    await this.train(windowPairs(normal.map((s) => this.encode(s.events)), this.params.window), ctx);
  }

  async predict(sequences: readonly (readonly string[])[]): Promise<boolean[]> {
    const encoded = sequences.map((s) => this.encode(s));
    // Score each distinct (context, next) once, then look sessions up.
    const pairs = windowPairs(encoded, this.params.window).filter((p) => p.next !== UNK);
    const ranks = pairs.length ? await this.ranks(pairs.map((p) => p.context), pairs.map((p) => p.next)) : [];
    const flagged = new Set<string>();
    pairs.forEach((p, i) => { if (ranks[i]! >= this.params.topG) flagged.add(`${p.context.join(',')}>${p.next}`); });
    const W = this.params.window;
    return encoded.map((seq) => {
      if (seq.includes(UNK)) return true; // an event never seen in normal training
      const padded = [...new Array<number>(W).fill(PAD), ...seq];
      for (let i = W; i < padded.length; i++) {
        if (flagged.has(`${padded.slice(i - W, i).join(',')}>${padded[i]}`)) return true;
      }
      return false;
    });
  }

  protected encode(seq: readonly string[]): number[] {
    const ids = this.vocab.encode(seq);
    if (this.params.endOfSession) ids.push(END);
    return ids;
  }

  dispose(): void { /* nothing by default */ }
}

export interface NgramParams extends NextEventParams { order: number }
/** Trigram by default: the next event from the two before it, backing off to shorter contexts when the
 *  context was never seen. An event with a count of 0 after back-off is always rejected. */
export const NGRAM_DEFAULTS: NgramParams = { window: 10, topG: 9, endOfSession: true, order: 3 };

export class NgramDetector extends NextEventDetector {
  readonly name = 'NGram';
  /** context key (last k events, k = 0..order-1) -> next id -> count */
  private counts = new Map<string, Map<number, number>>();

  constructor(private readonly ngram: NgramParams = NGRAM_DEFAULTS) {
    super({ ...ngram, window: Math.max(ngram.window, ngram.order - 1) });
  }

  protected async train(pairs: Pair[]): Promise<void> {
    this.counts = new Map();
    for (const p of pairs) {
      for (let k = 0; k < this.ngram.order; k++) {
        const key = p.context.slice(p.context.length - k).join(',');
        let m = this.counts.get(key);
        if (!m) this.counts.set(key, (m = new Map()));
        m.set(p.next, (m.get(p.next) ?? 0) + p.count);
      }
    }
  }

  protected async ranks(contexts: number[][], next: number[]): Promise<number[]> {
    return contexts.map((c, i) => {
      let dist: Map<number, number> | undefined;
      for (let k = this.ngram.order - 1; k >= 0 && !dist; k--) dist = this.counts.get(c.slice(c.length - k).join(','));
      const n = dist?.get(next[i]!) ?? 0;
      if (!dist || n === 0) return Infinity;
      let higher = 0;
      for (const v of dist.values()) if (v > n) higher++;
      return higher;
    });
  }
}

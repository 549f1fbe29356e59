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

/** `topG: 'auto'` picks g in 1..10 on a validation slice of the training split: 10% of its Normal sessions
 *  held out of training, plus its Anomaly sessions (which next-event models never train on); the g with the
 *  best F1 there wins (ties: the larger g). Without training anomalies it falls back to 9. */
export interface NextEventParams { window: number; topG: number | 'auto'; endOfSession: boolean }
export const AUTO_G_CANDIDATES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
export const AUTO_G_FALLBACK = 9;
export const AUTO_G_HOLDOUT = 0.1;
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

  /** The g in use after fit (the fixed one, or the one chosen on the validation slice). */
  g = 9;

  async fit(train: readonly LabeledSequence[], ctx: FitContext): Promise<void> {
    this.vocab = new Vocabulary();
    let normal = train.filter((s) => !s.anomaly);
    const anomalies = train.filter((s) => s.anomaly);
    const auto = this.params.topG === 'auto';
    let holdout: LabeledSequence[] = [];
    if (auto && anomalies.length > 0 && normal.length >= 20) {
      const shuffled = ctx.rng.fork('holdout').shuffle(normal.slice());
      const k = Math.max(1, Math.round(shuffled.length * AUTO_G_HOLDOUT));
      holdout = shuffled.slice(0, k);
      normal = shuffled.slice(k);
    }
    for (const s of normal) for (const e of s.events) this.vocab.add(e);
    throwIfAborted(ctx.signal);
    await this.train(windowPairs(normal.map((s) => this.encode(s.events)), this.params.window), ctx);
    if (!auto) { this.g = this.params.topG as number; return; }
    this.g = AUTO_G_FALLBACK;
    if (!holdout.length) return;
    const validation = [...holdout, ...anomalies];
    const needed = await this.maxRanks(validation.map((s) => s.events));
    let bestF1 = -1;
    for (const g of AUTO_G_CANDIDATES) {
      let tp = 0, fp = 0;
      needed.forEach((r, i) => { if (r >= g) { if (validation[i]!.anomaly) tp++; else fp++; } });
      const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + (anomalies.length - tp));
      if (f1 >= bestF1) { bestF1 = f1; this.g = g; }
    }
    ctx.onProgress?.(`${this.name}: top-g ${this.g} chosen on the validation slice (F1 ${bestF1.toFixed(3)} there)`);
  }

  async predict(sequences: readonly (readonly string[])[]): Promise<boolean[]> {
    return (await this.maxRanks(sequences)).map((r) => r >= this.g);
  }

  /** Per session, the worst rank of any of its events (Infinity for an event never seen in training):
   *  the session passes exactly when that rank is below g. */
  async maxRanks(sequences: readonly (readonly string[])[]): Promise<number[]> {
    const encoded = sequences.map((s) => this.encode(s));
    // Score each distinct (context, next) once, then look sessions up.
    const pairs = windowPairs(encoded, this.params.window).filter((p) => p.next !== UNK);
    const ranks = pairs.length ? await this.ranks(pairs.map((p) => p.context), pairs.map((p) => p.next)) : [];
    const rankOf = new Map<string, number>();
    pairs.forEach((p, i) => rankOf.set(`${p.context.join(',')}>${p.next}`, ranks[i]!));
    const W = this.params.window;
    return encoded.map((seq) => {
      if (seq.includes(UNK)) return Infinity;
      const padded = [...new Array<number>(W).fill(PAD), ...seq];
      let worst = 0;
      for (let i = W; i < padded.length; i++) worst = Math.max(worst, rankOf.get(`${padded.slice(i - W, i).join(',')}>${padded[i]}`)!);
      return worst;
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

// Neural next-event detectors on TensorFlow.js (WASM backend): a DeepLog-style LSTM and a small
// Transformer encoder. Both are written with tf core ops on explicit variables rather than tf.layers,
// because the WASM backend lacks the gather gradient (embeddings are one-hot x matrix instead) and
// because we train on distinct windows weighted by their counts, which tf.layers' fit() cannot do.
//
// Hyper-parameters are fixed per family (see README.md); they are smaller than deep-loglizer's
// (2 x 128 LSTM, 100 epochs) so that a model trains on HDFS_100k in well under a minute on 2 CPU cores.
import type * as TF from '@tensorflow/tfjs';
import { loadTf, type Tf } from './tf';
import { NextEventDetector, type NextEventParams, type Pair } from './nextevent';
import { throwIfAborted, type FitContext } from './types';

export interface NeuralParams extends NextEventParams {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Embedding size (the model width for the Transformer). */
  embed: number;
  /** LSTM hidden units / Transformer feed-forward units. */
  hidden: number;
  /** Transformer attention heads (ignored by the LSTM). */
  heads: number;
}

export const LSTM_DEFAULTS: NeuralParams = { window: 10, topG: 9, endOfSession: true, epochs: 30, batchSize: 128, learningRate: 0.01, embed: 16, hidden: 64, heads: 0 };
export const TRANSFORMER_DEFAULTS: NeuralParams = { window: 10, topG: 9, endOfSession: true, epochs: 30, batchSize: 128, learningRate: 0.005, embed: 32, hidden: 64, heads: 2 };

abstract class NeuralNextEvent extends NextEventDetector {
  protected tf!: Tf;
  protected vars: Record<string, TF.Variable> = {};
  protected V = 0;
  /** Mean training loss of the last epoch (per window). */
  lastLoss = NaN;
  backend = '';

  constructor(readonly neural: NeuralParams) { super(neural); }

  protected abstract init(seed: () => number): void;
  protected abstract logits(x: TF.Tensor2D): TF.Tensor2D;

  protected variable(name: string, shape: number[], seed: () => number, init: 'normal' | 'zeros' | 'ones' = 'normal'): void {
    const tf = this.tf;
    const t = init === 'zeros' ? tf.zeros(shape) : init === 'ones' ? tf.ones(shape)
      : tf.randomNormal(shape, 0, Math.sqrt(1 / shape[0]!), 'float32', seed());
    this.vars[name] = tf.variable(t, true, `${this.name}_${name}_${Object.keys(this.vars).length}`);
    t.dispose();
  }

  protected v(name: string): TF.Variable { return this.vars[name]!; }

  /** One-hot x embedding matrix: the embedding lookup, differentiable on every backend. */
  protected embedLookup(x: TF.Tensor, table: TF.Tensor2D): TF.Tensor2D {
    const tf = this.tf;
    return tf.oneHot(x.reshape([-1]) as TF.Tensor1D, this.V).toFloat().matMul(table) as TF.Tensor2D;
  }

  protected async train(pairs: Pair[], ctx: FitContext): Promise<void> {
    const { tf, backend } = await loadTf();
    this.tf = tf;
    this.backend = backend;
    ctx.onProgress?.(`${this.name}: TensorFlow.js ${backend} backend`);
    this.dispose();
    this.V = this.vocab.size;
    const rng = ctx.rng.fork(this.name);
    this.init(() => rng.int(0, 2 ** 31 - 1));
    const W = this.params.window;
    const { epochs, batchSize, learningRate } = this.neural;
    const opt = tf.train.adam(learningRate);
    const order = pairs.map((_, i) => i);
    const totalCount = pairs.reduce((s, p) => s + p.count, 0);
    try {
      for (let ep = 0; ep < epochs; ep++) {
        throwIfAborted(ctx.signal);
        // Linear learning-rate decay to 5%: count-weighted batches are noisy (one batch may hold a window
        // seen 5,000 times), and a decaying rate makes the last epochs settle instead of oscillate.
        Object.assign(opt, { learningRate: learningRate * (1 - (0.95 * ep) / Math.max(1, epochs - 1)) });
        rng.shuffle(order);
        let epochLoss = 0;
        for (let s = 0; s < order.length; s += batchSize) {
          const idx = order.slice(s, s + batchSize);
          const batchCount = idx.reduce((a, i) => a + pairs[i]!.count, 0);
          const cost: TF.Scalar | null = tf.tidy(() => {
            const x = tf.tensor2d(idx.flatMap((i) => pairs[i]!.context), [idx.length, W], 'int32');
            const y = tf.oneHot(tf.tensor1d(idx.map((i) => pairs[i]!.next), 'int32'), this.V);
            const w = tf.tensor1d(idx.map((i) => pairs[i]!.count / batchCount));
            // Count-weighted mean cross-entropy = the loss over every (non-distinct) window of the batch.
            return opt.minimize(() => tf.losses.softmaxCrossEntropy(y, this.logits(x), w, undefined, tf.Reduction.SUM) as TF.Scalar,
              true, Object.values(this.vars)) ?? tf.scalar(0);
          });
          if (cost) { epochLoss += (await cost.data())[0]! * batchCount; cost.dispose(); }
        }
        this.lastLoss = epochLoss / Math.max(1, totalCount);
        ctx.onProgress?.(`${this.name} epoch ${ep + 1}/${epochs} loss ${this.lastLoss.toFixed(4)}`);
        await new Promise((r) => setImmediate(r)); // let an abort or a progress message through
      }
    } finally {
      opt.dispose();
    }
  }

  protected async ranks(contexts: number[][], next: number[]): Promise<number[]> {
    const tf = this.tf;
    const W = this.params.window;
    const out: number[] = [];
    for (let s = 0; s < contexts.length; s += 1024) {
      const chunk = contexts.slice(s, s + 1024);
      const logits = tf.tidy(() => this.logits(tf.tensor2d(chunk.flat(), [chunk.length, W], 'int32')));
      const data = await logits.data();
      logits.dispose();
      chunk.forEach((_, i) => {
        const row = data.subarray(i * this.V, (i + 1) * this.V);
        const target = row[next[s + i]!]!;
        let higher = 0;
        // <pad> and <unk> are never real next events: they do not take a top-g slot.
        for (let j = 2; j < this.V; j++) if (row[j]! > target) higher++;
        out.push(higher);
      });
    }
    return out;
  }

  override dispose(): void {
    for (const v of Object.values(this.vars)) v.dispose();
    this.vars = {};
  }
}

/** DeepLog (Du et al., CCS'17): embedding -> 1-layer LSTM -> softmax over the next event. */
export class LstmDetector extends NeuralNextEvent {
  readonly name = 'DeepLog';
  constructor(p: NeuralParams = LSTM_DEFAULTS) { super(p); }

  protected init(seed: () => number): void {
    const { embed: E, hidden: H } = this.neural;
    this.variable('emb', [this.V, E], seed);
    this.variable('wx', [E, 4 * H], seed);
    this.variable('wh', [H, 4 * H], seed);
    this.variable('b', [4 * H], seed, 'zeros');
    this.variable('wo', [H, this.V], seed);
    this.variable('bo', [this.V], seed, 'zeros');
  }

  protected logits(x: TF.Tensor2D): TF.Tensor2D {
    const tf = this.tf;
    const [B, W] = x.shape;
    const H = this.neural.hidden;
    // Time-major input projections for all steps at once: [W, B, 4H].
    const xw = this.embedLookup(x.transpose(), this.v('emb') as TF.Tensor2D).matMul(this.v('wx')).reshape([W, B, 4 * H]);
    const steps = tf.unstack(xw) as TF.Tensor2D[];
    let h: TF.Tensor2D = tf.zeros([B, H]);
    let c: TF.Tensor2D = tf.zeros([B, H]);
    for (const xt of steps) {
      const z = xt.add(h.matMul(this.v('wh'))).add(this.v('b'));
      const [i, f, g, o] = tf.split(z, 4, 1) as [TF.Tensor2D, TF.Tensor2D, TF.Tensor2D, TF.Tensor2D];
      c = tf.sigmoid(f).mul(c).add(tf.sigmoid(i).mul(tf.tanh(g)));
      h = tf.sigmoid(o).mul(tf.tanh(c));
    }
    return h.matMul(this.v('wo')).add(this.v('bo'));
  }
}

/** A one-block Transformer encoder over the window (learned positions, multi-head self-attention,
 *  post-layer-norm, ReLU feed-forward); the last position's state predicts the next event. */
export class TransformerDetector extends NeuralNextEvent {
  readonly name = 'Transformer';
  constructor(p: NeuralParams = TRANSFORMER_DEFAULTS) { super(p); }

  protected init(seed: () => number): void {
    const { embed: d, hidden: F, window: W } = this.neural;
    this.variable('emb', [this.V, d], seed);
    this.variable('pos', [W, d], seed);
    for (const n of ['wq', 'wk', 'wv', 'wo']) this.variable(n, [d, d], seed);
    this.variable('bo', [d], seed, 'zeros');
    this.variable('g1', [d], seed, 'ones'); this.variable('be1', [d], seed, 'zeros');
    this.variable('w1', [d, F], seed); this.variable('b1', [F], seed, 'zeros');
    this.variable('w2', [F, d], seed); this.variable('b2', [d], seed, 'zeros');
    this.variable('g2', [d], seed, 'ones'); this.variable('be2', [d], seed, 'zeros');
    this.variable('out', [d, this.V], seed); this.variable('bout', [this.V], seed, 'zeros');
  }

  private layerNorm(x: TF.Tensor2D, g: TF.Tensor, b: TF.Tensor): TF.Tensor2D {
    const tf = this.tf;
    const { mean, variance } = tf.moments(x, -1, true);
    return x.sub(mean).mul(tf.rsqrt(variance.add(1e-5))).mul(g).add(b);
  }

  protected logits(x: TF.Tensor2D): TF.Tensor2D {
    const tf = this.tf;
    const [B, W] = x.shape;
    const d = this.neural.embed, nh = this.neural.heads, dk = d / nh;
    const e = this.embedLookup(x, this.v('emb') as TF.Tensor2D).reshape([B, W, d]).add(this.v('pos')).reshape([B * W, d]) as TF.Tensor2D;
    const heads = (t: TF.Tensor) => t.reshape([B, W, nh, dk]).transpose([0, 2, 1, 3]).reshape([B * nh, W, dk]) as TF.Tensor3D;
    const q = heads(e.matMul(this.v('wq'))), k = heads(e.matMul(this.v('wk'))), v = heads(e.matMul(this.v('wv')));
    const att = tf.softmax(tf.matMul(q, k, false, true).mul(1 / Math.sqrt(dk)));
    const o = tf.matMul(att, v).reshape([B, nh, W, dk]).transpose([0, 2, 1, 3]).reshape([B * W, d]) as TF.Tensor2D;
    const h1 = this.layerNorm(e.add(o.matMul(this.v('wo')).add(this.v('bo'))), this.v('g1'), this.v('be1'));
    const f = tf.relu(h1.matMul(this.v('w1')).add(this.v('b1'))).matMul(this.v('w2')).add(this.v('b2')) as TF.Tensor2D;
    const h2 = this.layerNorm(h1.add(f), this.v('g2'), this.v('be2'));
    const last = h2.reshape([B, W, d]).slice([0, W - 1, 0], [B, 1, d]).reshape([B, d]) as TF.Tensor2D;
    return last.matMul(this.v('out')).add(this.v('bout'));
  }
}

// The generated sequences: a filter bar (text + label), then one row per sequence with its Normal/Anomaly
// badge, events and multiplicity; the selected row opens to the label reasons, the verdict (and the LLM's
// reasoning when there is one) and the raw log lines. Long runs are shown a page at a time.
// DOM contract: every row is an element with data-session (LogSequence.sessionId).
import type { LogSequence } from '../../src/core/model';
import type { SequencesData } from '../../src/shared/webview-protocol';
import { h } from '../ui/dom';
import { badge, button, dropdown, textField } from '../ui/toolkit';
import { matches, type LabelFilter, type SequenceFilter } from './filter';

const PAGE = 150;

export interface SequenceListEvents {
  select(seq: LogSequence): void;
  filterChanged?(f: SequenceFilter): void;
  /** The next page of the run from the host (the host sends the first page only); resolves to what it appended. */
  loadMore?(offset: number): Promise<LogSequence[]>;
}

export class SequenceList {
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLElement;
  private readonly more: HTMLElement;
  private readonly moreButton: HTMLElement;
  private run: SequencesData | undefined;
  private filter: SequenceFilter;
  private selected: string | undefined;
  private shown = PAGE;
  private visible: LogSequence[] = [];
  private loading = false;

  constructor(private readonly events: SequenceListEvents, initial: Partial<SequenceFilter> = {}) {
    this.filter = { text: initial.text ?? '', label: initial.label ?? 'all' };
    const text = textField({ placeholder: 'Filter: event, template, reason…', value: this.filter.text, label: 'Filter sequences', onInput: (v) => { this.filter.text = v; this.refilter(); } });
    text.classList.add('filter-text');
    const label = dropdown({
      label: 'Label', value: this.filter.label,
      options: [{ value: 'all', label: 'All labels' }, { value: 'Normal', label: 'Normal' }, { value: 'Anomaly', label: 'Anomaly' }],
      onChange: (v) => { this.filter.label = (v === 'Normal' || v === 'Anomaly' ? v : 'all') as LabelFilter; this.refilter(); },
    });
    label.classList.add('filter-label');
    this.summary = h('div', { class: 'seq-summary', 'aria-live': 'polite' });
    this.list = h('ul', { class: 'seq-list', role: 'listbox', 'aria-label': 'Generated sequences' });
    this.list.addEventListener('keydown', (e) => this.onKey(e));
    this.more = h('div', { class: 'seq-more hidden' });
    this.moreButton = button({ label: 'Show more', onClick: () => { void this.showMore(); } });
    this.more.append(this.moreButton);
    this.element = h('section', { class: 'sequences', 'aria-label': 'Sequences' },
      h('div', { class: 'seq-filter' }, text, label), this.summary, this.list, this.more);
    this.render();
  }

  get currentFilter(): SequenceFilter { return { ...this.filter }; }
  get selectedId(): string | undefined { return this.selected; }

  setRun(run: SequencesData | undefined, opts: { keepPage?: boolean } = {}): void {
    this.run = run;
    if (this.selected && !run?.sequences.some((q) => q.sessionId === this.selected)) this.selected = undefined;
    if (!opts.keepPage) this.shown = PAGE;
    this.render();
  }

  /** Marks a row selected (from a click, the keyboard, or restored state); does not notify. */
  setSelected(sessionId: string | undefined): void {
    this.selected = sessionId;
    // A selection beyond the page grows the page so the row can be shown.
    if (sessionId) {
      const i = this.visible.findIndex((q) => q.sessionId === sessionId);
      if (i >= this.shown) this.shown = Math.ceil((i + 1) / PAGE) * PAGE;
    }
    this.render();
    this.list.querySelector<HTMLElement>('.seq.selected')?.scrollIntoView({ block: 'nearest' });
  }

  /** More rows: first those already loaded, then the next page from the host. */
  private async showMore(): Promise<void> {
    const run = this.run;
    if (!run) return;
    if (this.visible.length > this.shown) { this.shown += PAGE; this.render(); return; }
    if (!this.events.loadMore || run.sequences.length >= (run.total ?? 0) || this.loading) return;
    this.loading = true;
    this.render();
    try {
      const got = await this.events.loadMore(run.sequences.length);
      if (this.run === run && got.length) this.shown += PAGE;
    } finally {
      this.loading = false;
      this.render();
    }
  }

  private refilter(): void {
    this.shown = PAGE;
    this.events.filterChanged?.(this.currentFilter);
    this.render();
  }

  private pick(q: LogSequence): void {
    this.setSelected(q.sessionId);
    this.list.querySelector<HTMLElement>(`.seq.selected`)?.focus();
    this.events.select(q);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const i = this.visible.findIndex((q) => q.sessionId === this.selected);
    const j = Math.max(0, Math.min(this.visible.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)));
    const q = this.visible[j];
    if (q && j !== i) { e.preventDefault(); this.pick(q); }
  }

  private render(): void {
    const run = this.run;
    if (!run) {
      this.visible = [];
      this.summary.textContent = 'No sequences yet.';
      this.list.replaceChildren();
      this.more.classList.add('hidden');
      return;
    }
    this.visible = run.sequences.filter((q) => matches(q, this.filter));
    const total = Math.max(run.total ?? 0, run.sequences.length);
    const partial = run.sequences.length < total;
    const st = run.stats;
    // Label counts of the whole run come from the stats; without them, from what is loaded.
    const normal = st ? st.normal : run.sequences.filter((q) => q.label === 'Normal').length;
    const anomaly = st ? st.anomaly : run.sequences.length - normal;
    this.summary.replaceChildren(
      h('span', { class: 'count', title: partial ? `${run.sequences.length} of ${total} loaded; the filter applies to the loaded ones` : '' },
        `${this.visible.length} of ${total}${partial ? ` (${run.sequences.length} loaded)` : ''}`),
      badge(`${normal} Normal`, 'label-Normal'),
      badge(`${anomaly} Anomaly`, 'label-Anomaly'),
      ...(st ? [h('span', { class: 'stats', title: Object.entries(st.rejectReasons).map(([k, v]) => `${k}: ${v}`).join('\n') || 'no path rejected' },
        `${st.pathsEnumerated} paths, ${st.pathsRejected} rejected${st.truncated ? ', budget reached' : ''}`)] : []),
      ...(run.cancelled ? [h('span', { class: 'cancelled' }, 'cancelled: partial')] : []),
    );
    const rows = this.visible.slice(0, this.shown).map((q) => this.row(q));
    this.list.replaceChildren(...rows);
    if (this.visible.length === 0) this.list.append(h('li', { class: 'seq-none' }, 'No sequence matches the filter.'));
    const canLoad = !!this.events.loadMore && partial;
    this.more.classList.toggle('hidden', this.visible.length <= this.shown && !canLoad);
    this.more.classList.toggle('loading', this.loading);
    this.moreButton.textContent = this.loading ? 'Loading…'
      : this.visible.length > this.shown ? `Show more (${this.visible.length - this.shown} more)` : `Load more (${total - run.sequences.length} not loaded)`;
  }

  private row(q: LogSequence): HTMLElement {
    const sel = q.sessionId === this.selected;
    const li = h('li', {
      class: `seq label-${q.label}${sel ? ' selected' : ''}`, 'data-session': q.sessionId, role: 'option',
      'aria-selected': sel ? 'true' : 'false', tabindex: sel || (!this.selected && q === this.visible[0]) ? 0 : -1,
    });
    const events = q.events.map((e) => e.eventId);
    const head = h('div', { class: 'seq-head' },
      badge(q.label, `label-${q.label}`),
      h('span', { class: 'seq-events', title: q.events.map((e) => `${e.eventId} ${e.template}`).join('\n') }, events.length ? events.join(' → ') : '(no events)'),
      ...(q.multiplicity > 1 ? [h('span', { class: 'seq-mult', title: `${q.multiplicity} enumerated paths collapsed into this sequence` }, `×${q.multiplicity}`)] : []),
      h('span', { class: `verdict ${q.verdict.consistent ? 'ok' : 'bad'}`, title: `verifier: ${q.verdict.verifier}${q.verdict.reason ? `\n${q.verdict.reason}` : ''}` }, q.verdict.consistent ? '✓' : '✗'),
    );
    li.append(head);
    if (q.label === 'Anomaly' && q.labelReasons.length) li.append(h('div', { class: 'seq-reason' }, q.labelReasons[0]!));
    if (sel) li.append(this.details(q));
    li.addEventListener('click', (e) => {
      // Selecting text in the open details must not collapse them.
      if ((e.target as HTMLElement).closest('.seq-details')) return;
      this.pick(q);
    });
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.pick(q); } });
    return li;
  }

  private details(q: LogSequence): HTMLElement {
    const d = h('div', { class: 'seq-details' });
    d.append(h('div', { class: 'kv' }, h('span', { class: 'k' }, 'Session'), h('span', { class: 'v mono' }, q.sessionId)));
    d.append(h('div', { class: 'kv' }, h('span', { class: 'k' }, 'Entry'), h('span', { class: 'v mono' }, q.entry)));
    if (q.labelReasons.length) {
      d.append(h('div', { class: 'k' }, 'Why ' + q.label));
      d.append(h('ul', { class: 'reasons' }, ...q.labelReasons.map((r) => h('li', {}, r))));
    }
    const v = q.verdict;
    d.append(h('div', { class: 'kv' }, h('span', { class: 'k' }, 'Verdict'),
      h('span', { class: `v verdict-text ${v.consistent ? 'ok' : 'bad'}` }, `${v.consistent ? 'consistent' : 'inconsistent'} (${v.verifier})${v.reason ? ` — ${v.reason}` : ''}`)));
    if (v.reasoning) d.append(h('div', { class: 'k' }, 'LLM reasoning'), h('blockquote', { class: 'reasoning' }, v.reasoning));
    d.append(h('div', { class: 'k' }, `Log lines (${q.events.length})`));
    const pre = h('pre', { class: 'raw' });
    for (const e of q.events) pre.append(h('span', { class: `line level-${e.level}`, title: `${e.eventId} · ${e.loc.file}:${e.loc.line}` }, e.raw), '\n');
    d.append(pre);
    return d;
  }
}

// The only module that knows about @vscode/webview-ui-toolkit (archived upstream): it registers just the
// components the views use and hands out elements by role, so replacing the toolkit means rewriting this file.
// Button, text field and divider come from the toolkit; its dropdown and badge write inline `style` attributes
// that the strict CSP blocks, so those two are plain elements in the theme's colours (media/main.css).
// The toolkit is an ES module and this bundle is type-checked as CommonJS, hence the dynamic import (esbuild
// inlines it into media/main.js; nothing is fetched at run time).

let registered: Promise<void> | undefined;

/** FAST probes `:focus-visible` support with a <style> element that the CSP blocks unless it carries the nonce,
 *  which FAST reads from `<meta property="csp-nonce">`; the shell puts the nonce on <body data-nonce>. */
function shareNonce(): void {
  const nonce = document.body.dataset.nonce;
  if (!nonce || document.querySelector('meta[property="csp-nonce"]')) return;
  const meta = document.createElement('meta');
  meta.setAttribute('property', 'csp-nonce');
  meta.setAttribute('content', nonce);
  document.head.append(meta);
}

/** Registers vscode-button, -text-field, -divider (once). */
export function registerToolkit(): Promise<void> {
  shareNonce();
  registered ??= import('@vscode/webview-ui-toolkit').then((t) => {
    t.provideVSCodeDesignSystem().register(
      t.vsCodeButton(), t.vsCodeTextField(), t.vsCodeDivider(),
    );
  });
  return registered;
}

export interface ButtonOptions {
  label: string;
  title?: string;
  /** 'icon' buttons show a short glyph (the label) and need a title. */
  appearance?: 'primary' | 'secondary' | 'icon';
  onClick(): void;
}

export function button(o: ButtonOptions): HTMLElement {
  const b = document.createElement('vscode-button');
  b.setAttribute('appearance', o.appearance ?? 'secondary');
  if (o.title) { b.setAttribute('title', o.title); b.setAttribute('aria-label', o.title); }
  b.textContent = o.label;
  b.addEventListener('click', () => o.onClick());
  return b;
}

/** A text field; `onInput` gets the value on every keystroke. */
export function textField(o: { placeholder: string; value?: string; label?: string; onInput(v: string): void }): HTMLElement {
  const f = document.createElement('vscode-text-field') as HTMLElement & { value: string };
  f.setAttribute('placeholder', o.placeholder);
  f.setAttribute('aria-label', o.label ?? o.placeholder);
  if (o.value) f.setAttribute('value', o.value);
  f.addEventListener('input', () => o.onInput(String(f.value ?? '')));
  return f;
}

/** A choice among a few options. A native <select> styled with the theme's dropdown colours: the toolkit's
 *  vscode-dropdown binds an inline `style` attribute on its listbox, which the strict CSP (no 'unsafe-inline')
 *  blocks and reports as a violation. */
export function dropdown(o: { options: { value: string; label: string }[]; value?: string; label: string; onChange(v: string): void }): HTMLElement {
  const d = document.createElement('select');
  d.className = 'ls-select';
  d.setAttribute('aria-label', o.label);
  d.setAttribute('title', o.label);
  for (const opt of o.options) {
    const e = document.createElement('option');
    e.value = opt.value;
    e.textContent = opt.label;
    if (opt.value === o.value) e.selected = true;
    d.append(e);
  }
  d.addEventListener('change', () => o.onChange(d.value));
  return d;
}

/** A small pill (count or label). Our own span in the badge colours: the toolkit's vscode-badge (FAST Badge)
 *  renders an inline `style` attribute, which the strict CSP blocks. */
export function badge(text: string, cls?: string): HTMLElement {
  const b = document.createElement('span');
  b.className = `ls-badge${cls ? ` ${cls}` : ''}`;
  b.textContent = text;
  return b;
}

export function divider(): HTMLElement {
  const d = document.createElement('vscode-divider');
  d.setAttribute('role', 'separator');
  return d;
}

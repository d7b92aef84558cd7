/** A child of an element: nodes, text, nothing (null, undefined, false), or lists of them. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attributes and listeners: `onclick` listens, `class`, `for` and ARIA are attributes, `value` a property. */
export type Props = Record<string, unknown>;

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'open']);

/** Makes an element: `h('button', { type: 'button', onclick }, 'Release')`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function')
      el.addEventListener(key.slice(2), value as EventListener);
    else if (PROPERTIES.has(key)) (el as unknown as Record<string, unknown>)[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children to a node, flattening lists and skipping nothing-values. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child as readonly Child[]);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's children. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let counter = 0;
/** A fresh id for label/control pairs and ARIA references. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${String(counter)}`;
}

/** A labelled form field: the label names the control, a hint describes it. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLElement {
  control.id ||= uid('f');
  const hintId = hint === undefined ? undefined : uid('hint');
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, label),
    control,
    hint === undefined ? null : h('small', { id: hintId }, hint),
  );
}

/** A select of options `[value, text]`, with `selected` chosen. */
export function select(
  name: string,
  options: ReadonlyArray<readonly [string, string]>,
  selected?: string,
): HTMLSelectElement {
  return h(
    'select',
    { name },
    options.map(([value, text]) => h('option', { value, selected: value === selected }, text)),
  );
}

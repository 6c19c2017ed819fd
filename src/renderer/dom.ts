/** Attributes and properties `el` sets: strings become attributes, functions become listeners. */
export type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;
export type Child = Node | string | null | undefined | false;

/** Builds an element without innerHTML, so profile names and messages are always text, never markup. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    else if (key === 'class') node.className = String(value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/** Appends children, skipping empty ones. */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Text whose `backticked` parts (commands in messages from the core) become <code> elements. */
export function withCode(text: string): Child[] {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return [text]; // an unpaired backtick: show the text as it is
  return parts.map((part, i) => (i % 2 === 1 && part !== '' ? el('code', {}, part) : part)).filter((part) => part !== '');
}

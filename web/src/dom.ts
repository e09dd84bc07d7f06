// Tiny DOM helpers: the explorer is small enough not to need a framework.
type Child = Node | string | null | undefined;

export function el(tag: string, attrs: Record<string, string> = {}, children: Child | Child[] = []): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== '') node.setAttribute(k, v);
  for (const c of Array.isArray(children) ? children : [children]) {
    if (c === null || c === undefined) continue;
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

export function clear<T extends Element>(node: T): T {
  node.replaceChildren();
  return node;
}

/** CSS class for a TIP tier label (colours live in style.css, so no inline styles are needed). */
export function tierClass(label: string | null | undefined): string {
  return `swatch t-${(label ?? 'none').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

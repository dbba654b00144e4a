/**
 * The only way the checklist page makes elements: text goes in as text nodes, attributes through
 * setAttribute, never through innerHTML. Runbook and record data are untrusted.
 */

type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  attrs?: Record<string, string | undefined>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props?.class) el.className = props.class;
  for (const [name, value] of Object.entries(props?.attrs ?? {})) {
    if (value === undefined) continue;
    if (/^on/i.test(name) || name === 'style') throw new Error(`refusing attribute ${name}`);
    el.setAttribute(name, value);
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function button(label: string, onClick: () => void, props: Props = {}): HTMLButtonElement {
  const b = h('button', { ...props, attrs: { type: 'button', ...props.attrs } }, label);
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return b;
}

/** The shared time format (core/records/time.ts). */
export { when } from '../../core/records/time';

export function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600),
    m = Math.floor((total % 3600) / 60);
  return h ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(total % 60).padStart(2, '0')}s`;
}

/**
 * The report view's page script. The report itself is static HTML and SVG rendered by the host;
 * this only makes it interactive: the toolbar posts to the host, and hovering or focusing a bar or
 * a marker in the timeline shows its details in the status line (keyboard users get the same as
 * mouse users). Enter on a bar jumps to the step's row in the table. Nothing is read from the record
 * here: details are the text of each element's <title>, already escaped by the host.
 */
declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscode = acquireVsCodeApi();
const detail = document.getElementById('detail');

for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-action]')))
  button.addEventListener('click', () => vscode.postMessage({ type: button.dataset.action }));

function described(target: EventTarget | null): Element | null {
  return target instanceof Element ? target.closest('.bar, .mk, .idle') : null;
}

function show(el: Element | null): void {
  if (!detail || !el) return;
  detail.textContent = el.querySelector('title')?.textContent ?? '';
}

const chart = document.querySelector('.chart');
chart?.addEventListener('focusin', (e) => show(described(e.target)));
chart?.addEventListener('mouseover', (e) => show(described(e.target)));
chart?.addEventListener('keydown', (e) => {
  const key = (e as KeyboardEvent).key;
  const el = described(e.target);
  if (!el) return;
  if (key === 'Enter' || key === ' ') {
    const row = el.getAttribute('data-row');
    const tr = row === null ? null : document.getElementById(`row-${row}`);
    if (tr) {
      e.preventDefault();
      tr.scrollIntoView({ block: 'center' });
      tr.classList.add('flash');
      setTimeout(() => tr.classList.remove('flash'), 1200);
    }
  }
  // Arrow keys walk the bars and markers in document order, so the chart reads without a mouse.
  if (key === 'ArrowDown' || key === 'ArrowUp' || key === 'ArrowRight' || key === 'ArrowLeft') {
    const all = Array.from(chart.querySelectorAll<SVGElement>('[tabindex="0"]'));
    const i = all.indexOf(el as SVGElement);
    const next = all[i + (key === 'ArrowDown' || key === 'ArrowRight' ? 1 : -1)];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  }
});

// A long run arrives in parts: the first rows are drawn at once, the rest wait in inert templates
// (see reportHtml.ts, firstRows). Put them in place a few at a time once the first screen is shown.
const later = Array.from(document.querySelectorAll<HTMLTemplateElement>('template[data-deferred]'));
function placeSome(): void {
  for (const t of later.splice(0, 4)) t.replaceWith(t.content);
  if (later.length) setTimeout(placeSome, 0);
  else document.body.dataset.complete = 'true';
}
requestAnimationFrame(() => setTimeout(placeSome, 0));

/**
 * The run switcher in the header: a button naming the run the page is pinned to (runbook title,
 * start time, rehearsal or real run) that opens the list of the workspace's open runs. A listbox
 * with the focus on the list itself (aria-activedescendant): ↑/↓/Home/End move, Enter or Space
 * switches, Escape or Tab closes (the focus goes back to the button). Every key pressed in it stays in it: none is a checklist shortcut.
 */
import type { ChecklistModel, OpenRunEntry } from '../src/checklist/messages';
import { h, when } from './dom';
import { page, post, render } from './state';

let open = false;
let active = 0;

const kind = (rehearsal: boolean) => (rehearsal ? 'rehearsal' : 'real run');

/**
 * What the button says: the pinned run, or that this runbook has none. The title may be cut with an
 * ellipsis; when the run started and which kind it is are never cut (they tell two runs apart).
 */
function pinnedLabel(m: ChecklistModel): HTMLElement {
  const run = m.run;
  const rest = run
    ? ` · started ${when(run.startedAt)} · ${run.finished ? 'finished ' : ''}${kind(run.rehearsal)}`
    : ' · no run';
  return h(
    'span',
    { class: 'run-switcher-label' },
    h('span', { class: 'run-title' }, m.runbook.title),
    h('span', { class: 'run-when' }, rest),
  );
}

const isShown = (m: ChecklistModel, r: OpenRunEntry) => r.runbook === m.runbook.uri && r.record === m.run?.id;

function choose(m: ChecklistModel, r: OpenRunEntry | undefined): void {
  open = false;
  if (r && !isShown(m, r)) post({ type: 'switchRun', runbook: r.runbook, run: r.record });
  render();
  // After the render: the focus goes back to the button, as after any closed popup.
  document.querySelector<HTMLElement>('[data-role="switch-run"]')?.focus();
}

function close(): void {
  open = false;
  render();
  document.querySelector<HTMLElement>('[data-role="switch-run"]')?.focus();
}

// A press anywhere outside the switcher closes the list (not focusout: a refresh of the page
// rebuilds the list under the focus, and that must not close it).
document.addEventListener(
  'pointerdown',
  (e) => {
    if (open && !(e.target instanceof Element && e.target.closest('.run-switcher'))) {
      open = false;
      setTimeout(render, 0);
    }
  },
  true,
);

function option(m: ChecklistModel, r: OpenRunEntry, i: number): HTMLLIElement {
  const shown = isShown(m, r);
  const li = h(
    'li',
    {
      class: `run-option${i === active ? ' active' : ''}${shown ? ' shown' : ''}`,
      attrs: { role: 'option', id: `run-option-${i}`, 'aria-selected': shown ? 'true' : 'false' },
    },
    h('span', { class: 'run-option-title' }, r.title),
    shown && h('span', { class: 'badge shown' }, 'shown'),
    r.rehearsal && h('span', { class: 'badge rehearsal' }, 'rehearsal'),
    h(
      'span',
      { class: 'run-option-meta' },
      `${kind(r.rehearsal)} started ${when(r.startedAt)} by ${r.startedBy} · ${r.done}/${r.total} done${r.skipped ? `, ${r.skipped} skipped` : ''} · ${r.runbookPath}`,
    ),
  );
  li.addEventListener('pointerdown', (e) => e.preventDefault()); // the list keeps the focus
  li.addEventListener('click', (e) => {
    e.stopPropagation();
    choose(m, r);
  });
  return li;
}

/** The switcher, rebuilt with each render (its open state and active option survive a refresh). */
export function runSwitcher(m: ChecklistModel): HTMLElement {
  const runs = page.openRuns;
  active = Math.max(0, Math.min(active, runs.length - 1));
  const button = h(
    'button',
    {
      class: 'run-switcher-button',
      attrs: {
        type: 'button',
        'data-role': 'switch-run',
        'aria-haspopup': 'listbox',
        'aria-expanded': open ? 'true' : 'false',
        'aria-controls': 'run-list',
        title: 'The run this checklist shows. Click to see every open run and switch.',
      },
    },
    h('span', { class: 'run-switcher-caption' }, 'Showing'),
    pinnedLabel(m),
    h('span', { class: 'run-switcher-count' }, `${runs.length} open`),
    h('span', { class: 'chevron', attrs: { 'aria-hidden': 'true' } }, open ? '▴' : '▾'),
  );
  button.addEventListener('click', (e) => {
    e.stopPropagation();
    open = !open;
    if (open)
      active = Math.max(
        0,
        runs.findIndex((r) => isShown(m, r)),
      );
    render();
    if (open) document.getElementById('run-list')?.focus();
  });
  button.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && !open) {
      e.preventDefault();
      e.stopPropagation();
      button.click();
    }
  });
  const wrap = h('div', { class: 'run-switcher' }, button);
  if (!open) return wrap;

  const list = h(
    'ul',
    {
      class: 'run-list',
      attrs: {
        id: 'run-list',
        role: 'listbox',
        tabindex: '-1',
        'data-role': 'run-list',
        'aria-label': 'Open runs in this workspace',
        'aria-activedescendant': runs.length ? `run-option-${active}` : undefined,
      },
    },
    ...runs.map((r, i) => option(m, r, i)),
  );
  if (!runs.length)
    list.appendChild(
      h(
        'li',
        { class: 'run-option empty', attrs: { role: 'option', 'aria-disabled': 'true' } },
        'No open run in this workspace.',
      ),
    );
  list.addEventListener('keydown', (e) => {
    // Every key stays here: a letter typed in the list is never a checklist shortcut.
    e.stopPropagation();
    const move = (i: number) => {
      e.preventDefault();
      if (!runs.length) return;
      active = Math.max(0, Math.min(runs.length - 1, i));
      list.setAttribute('aria-activedescendant', `run-option-${active}`);
      list.querySelectorAll('.run-option').forEach((el, j) => el.classList.toggle('active', j === active));
      list.querySelector('.run-option.active')?.scrollIntoView({ block: 'nearest' });
    };
    switch (e.key) {
      case 'ArrowDown':
        move(active + 1);
        break;
      case 'ArrowUp':
        move(active - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(runs.length - 1);
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        if (!e.repeat) choose(m, runs[active]);
        break;
      case 'Escape':
        e.preventDefault();
        close();
        break;
      case 'Tab':
        e.preventDefault();
        close();
        break;
      default:
        if (e.key.length === 1) e.preventDefault();
    }
  });
  wrap.appendChild(list);
  return wrap;
}

/** The list is open (tests and the renderer's focus restore ask). */
export function switcherOpen(): boolean {
  return open;
}

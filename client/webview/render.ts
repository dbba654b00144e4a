/**
 * Rendering: the header (run bar, progress, elapsed time) and one row per step, built from text
 * nodes only (dom.ts). The focus and caret are put back after each render.
 */
import type { ChecklistModel, ModelStep } from '../src/checklist/messages';
import { finish, note, reopen, skip, toggle } from './actions';
import { append, button, duration, h, when } from './dom';
import { onKey, onRowClick, select, selectionShown } from './keys';
import { page, post, save, writable } from './state';

let elapsedEl: HTMLElement | undefined;

function statusText(s: ModelStep): string {
  if (!s.tickable) return s.id ? 'id used twice: cannot be ticked' : 'no id: cannot be ticked';
  if (s.status === 'done') return `Done ${when(s.at)} by ${s.by ?? '?'}`;
  if (s.status === 'skipped') return `Skipped ${when(s.at)} by ${s.by ?? '?'}`;
  return 'Not done';
}

function evidenceList(s: ModelStep, inner: string, canWrite: boolean): HTMLElement {
  const errors = page.stepErrors.get(s.key);
  const list = h('div', { class: 'evidence' });
  for (const e of s.evidence) {
    const label = e.label || e.key;
    const recorded = s.evidenceValues?.[e.key];
    if (s.status === 'done') {
      append(
        list,
        h(
          'div',
          { class: 'evidence-row recorded' },
          h('span', { class: 'evidence-label' }, `${label}: `),
          h('span', { class: 'evidence-value' }, recorded ?? '—'),
        ),
      );
      continue;
    }
    const id = `ev-${s.index}-${e.key}`;
    const input = h('input', {
      attrs: {
        type: 'text',
        id,
        'data-evidence': e.key,
        tabindex: inner,
        autocomplete: 'off',
        spellcheck: 'false',
        placeholder: e.pattern ? `pattern ${e.pattern}` : e.optional ? 'optional' : 'required',
        'aria-invalid': errors?.fields[e.key] ? 'true' : undefined,
        'aria-describedby': errors?.fields[e.key] ? `${id}-error` : undefined,
        ...(canWrite && page.model?.run ? {} : { disabled: '' }),
      },
    });
    input.value = page.drafts[s.key]?.[e.key] ?? '';
    input.addEventListener('input', () => {
      (page.drafts[s.key] ??= {})[e.key] = input.value;
      save();
    });
    input.addEventListener('focus', () => select(s.key, false));
    append(
      list,
      h(
        'div',
        { class: 'evidence-row' },
        h('label', { attrs: { for: id } }, `${label}${e.optional ? ' (optional)' : ''}`),
        input,
        errors?.fields[e.key] &&
          h('div', { class: 'field-error', attrs: { id: `${id}-error`, role: 'alert' } }, errors.fields[e.key]),
      ),
    );
  }
  return list;
}

function renderStep(s: ModelStep): HTMLLIElement {
  const model = page.model!;
  const isSelected = s.key === page.selected;
  const inner = isSelected ? '0' : '-1';
  const errors = page.stepErrors.get(s.key);
  const canWrite = writable() && s.tickable;
  const tick = h('input', {
    class: 'tick',
    attrs: {
      type: 'checkbox',
      tabindex: '-1',
      'aria-label': `Done: ${s.title}`,
      ...(canWrite ? {} : { disabled: '' }),
    },
  });
  tick.checked = s.status === 'done';
  tick.indeterminate = s.status === 'skipped';
  tick.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    select(s.key);
    void toggle(s);
  });

  const badges = h(
    'span',
    { class: 'badges' },
    s.status === 'skipped' && h('span', { class: 'badge skipped' }, 'skipped'),
    s.override && s.status === 'done' && h('span', { class: 'badge override' }, 'override'),
    s.change &&
      h(
        'span',
        { class: `badge change ${s.change}`, attrs: { title: `This step was ${s.change} since the run started` } },
        s.change,
      ),
    s.parallel &&
      h(
        'span',
        { class: 'badge parallel', attrs: { title: 'May run at the same time as the other steps of this group' } },
        `parallel: ${s.parallel}`,
      ),
  );
  const head = h(
    'div',
    { class: 'step-head' },
    h('span', { class: 'num' }, `${s.index + 1}.`),
    h('span', { class: `title${s.defaultTitle ? ' default-title' : ''}`, attrs: { id: `title-${s.index}` } }, s.title),
    s.action && h('code', { class: 'action' }, s.action),
    badges,
  );
  const meta = h('div', { class: 'meta' }, h('span', { class: 'status-text' }, statusText(s)));
  if (s.id) append(meta, ' · ', h('code', { class: 'step-id' }, s.id));
  if (s.status === 'skipped' && s.reason) append(meta, h('div', { class: 'reason' }, `Reason: ${s.reason}`));
  if (s.override && s.status === 'done') append(meta, h('div', { class: 'reason' }, `Override: ${s.override}`));
  if (s.status === 'pending' && s.blockedBy.length && model.run) {
    append(meta, h('div', { class: 'blocked' }, `Waits for: ${s.blockedBy.join(', ')}`));
  }

  const body = h('div', { class: 'step-body' }, head, meta);
  if (s.notes) append(body, h('p', { class: 'notes' }, s.notes));
  if (s.evidence.length) append(body, evidenceList(s, inner, canWrite));
  if (s.runNotes.length) {
    append(
      body,
      h(
        'ul',
        { class: 'run-notes', attrs: { 'aria-label': 'Notes' } },
        ...s.runNotes.map((n) => h('li', null, h('span', { class: 'note-meta' }, `${when(n.at)} ${n.by}: `), n.text)),
      ),
    );
  }
  if (errors?.general) append(body, h('div', { class: 'step-error', attrs: { role: 'alert' } }, errors.general));

  const actions = h('div', { class: 'step-actions' });
  if (canWrite && model.run) {
    if (s.status === 'pending')
      append(
        actions,
        button('Skip…', () => void skip(s), { attrs: { tabindex: inner } }),
      );
    else
      append(
        actions,
        button(s.status === 'done' ? 'Untick' : 'Unskip', () => void toggle(s), {
          attrs: { tabindex: inner, 'data-role': 'untick' },
        }),
      );
    append(
      actions,
      button('Note…', () => void note(s), { attrs: { tabindex: inner } }),
    );
  }
  append(
    actions,
    button('Show in runbook', () => post({ type: 'reveal', step: s.key }), {
      class: 'link',
      attrs: { tabindex: inner },
    }),
  );
  append(body, actions);

  const li = h(
    'li',
    {
      class: `step ${s.status}${isSelected ? ' selected' : ''}${s.tickable ? '' : ' untickable'}`,
      attrs: {
        tabindex: inner,
        'data-status': s.status,
        'data-key': s.key,
        'aria-labelledby': `title-${s.index}`,
        'aria-current': isSelected ? 'true' : undefined,
      },
    },
    tick,
    body,
  );
  li.addEventListener('click', (e) => onRowClick(s.key, e));
  page.stepEls.set(s.key, li);
  return li;
}

function header(m: ChecklistModel): HTMLElement {
  const run = m.run;
  const errors = m.runbook.errorCount;
  const top = h(
    'header',
    { class: 'top' },
    h('h1', null, m.runbook.title),
    h(
      'div',
      { class: 'subtitle' },
      h('code', null, m.runbook.path),
      ' · ',
      h(
        'span',
        {
          class: errors ? 'errors has-errors' : 'errors',
          attrs: { title: 'Errors in the runbook now (Problems panel)' },
        },
        errors === 1 ? '1 error' : `${errors} errors`,
      ),
    ),
  );
  const bar = h('div', { class: 'runbar', attrs: { role: 'toolbar', 'aria-label': 'Run' } });
  if (m.runs.length) {
    const choose = h('select', { attrs: { 'aria-label': 'Run', id: 'run-select' } });
    for (const r of m.runs) {
      const o = h('option', { attrs: { value: r.id } }, r.label);
      o.selected = r.id === run?.id;
      choose.appendChild(o);
    }
    choose.addEventListener('change', () => post({ type: 'selectRun', run: choose.value }));
    append(bar, choose);
  }
  if (m.canStart) {
    append(
      bar,
      button(run ? 'New run' : 'Start run', () => post({ type: 'start', rehearsal: false }), {
        class: run ? '' : 'primary',
        attrs: { 'data-role': 'start' },
      }),
      button(run ? 'New rehearsal' : 'Start rehearsal', () => post({ type: 'start', rehearsal: true }), {
        attrs: { 'data-role': 'rehearse' },
      }),
    );
  }
  if (run && writable()) {
    append(
      bar,
      button('Note on run…', () => void note(undefined), { attrs: { 'data-role': 'run-note' } }),
      button('Finish run…', () => void finish(), { attrs: { 'data-role': 'finish' } }),
    );
  }
  if (run && m.canReopen)
    append(
      bar,
      button('Reopen run…', () => void reopen(), { attrs: { 'data-role': 'reopen' } }),
    );
  if (run)
    append(
      bar,
      button('Open record', () => post({ type: 'openRecord' }), {
        class: 'link',
        attrs: { 'data-role': 'open-record' },
      }),
    );
  append(top, bar);

  if (run) {
    const progress = h('progress', {
      attrs: { max: String(Math.max(run.total, 1)), value: String(run.done + run.skipped), 'aria-label': 'Progress' },
    });
    elapsedEl = h('span', { class: 'elapsed' }, elapsedText(run));
    append(
      top,
      h(
        'div',
        { class: 'progress-row' },
        progress,
        h(
          'span',
          { class: 'progress-text' },
          `${run.done} of ${run.total} done${run.skipped ? `, ${run.skipped} skipped` : ''}`,
        ),
        ' · ',
        elapsedEl,
        run.rehearsal && h('span', { class: 'badge rehearsal' }, 'rehearsal'),
        run.finished && h('span', { class: 'badge finished' }, 'finished'),
      ),
    );
    append(
      top,
      h(
        'div',
        { class: 'run-meta' },
        `Started ${when(run.startedAt)} by ${run.startedBy}`,
        run.operators.length > 1 ? ` · operators: ${run.operators.join(', ')}` : '',
        ' · ',
        h('code', null, run.record),
      ),
    );
    if (run.notes.length) {
      append(
        top,
        h(
          'ul',
          { class: 'run-notes', attrs: { 'aria-label': 'Run notes' } },
          ...run.notes.map((n) => h('li', null, h('span', { class: 'note-meta' }, `${when(n.at)} ${n.by}: `), n.text)),
        ),
      );
    }
  } else {
    elapsedEl = undefined;
    append(
      top,
      h(
        'p',
        { class: 'no-run' },
        m.canStart ? 'No run yet. Start a run (or a rehearsal) to tick steps.' : 'No run of this runbook.',
      ),
    );
  }
  return top;
}

function elapsedText(run: NonNullable<ChecklistModel['run']>): string {
  const end = run.finished && run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
  return `elapsed ${duration(end - Date.parse(run.startedAt))}`;
}

/** Updates the clock in the header without a render (called every few seconds). */
export function tick(): void {
  const run = page.model?.run;
  if (elapsedEl && run && !run.finished) elapsedEl.textContent = elapsedText(run);
}

function removedSection(m: ChecklistModel): HTMLElement {
  return h(
    'section',
    { class: 'removed' },
    h('h2', null, 'In the record, no longer in the runbook'),
    h(
      'ul',
      null,
      ...m.removed.map((r) =>
        h('li', null, h('code', null, r.id), ` ${r.status}${r.by ? ` by ${r.by}` : ''}${r.at ? ` ${when(r.at)}` : ''}`),
      ),
    ),
  );
}

export function renderNow(): void {
  const app = document.getElementById('app')!;
  const active = document.activeElement as HTMLElement | null;
  const activeRow = active?.closest<HTMLElement>('li.step');
  const focusStep = activeRow?.dataset.key;
  const focusEvidence = active instanceof HTMLInputElement ? active.dataset.evidence : undefined;
  const caret = active instanceof HTMLInputElement ? [active.selectionStart, active.selectionEnd] : undefined;
  const focusRole = active?.dataset.role;
  const focusRow = active?.tagName === 'LI' && !!focusStep;

  page.stepEls.clear();
  const model = page.model;
  if (!model) {
    app.replaceChildren(h('p', { class: 'empty' }, page.emptyText));
    save();
    return;
  }
  if (!page.selected || !model.steps.some((s) => s.key === page.selected)) page.selected = model.steps[0]?.key;
  const banners = h(
    'div',
    { class: 'banners' },
    ...model.banners.map((b) =>
      h('div', { class: `banner ${b.kind}`, attrs: { role: b.kind === 'error' ? 'alert' : 'status' } }, b.text),
    ),
  );
  const list = h('ol', { class: 'steps', attrs: { 'aria-label': 'Steps' } }, ...model.steps.map(renderStep));
  list.addEventListener('keydown', onKey);
  const parts: Node[] = [header(model), banners, list];
  if (model.removed.length) parts.push(removedSection(model));
  parts.push(h('footer', { class: 'keys' }, '↑ ↓ move · Space tick/untick · S skip · N note · Enter evidence'));
  app.replaceChildren(...parts);
  selectionShown();

  // Put the focus back where it was.
  if (focusStep && page.stepEls.has(focusStep)) {
    const li = page.stepEls.get(focusStep)!;
    const input = focusEvidence
      ? li.querySelector<HTMLInputElement>(`input[data-evidence="${CSS.escape(focusEvidence)}"]`)
      : null;
    if (input && !input.disabled) {
      input.focus();
      if (caret) input.setSelectionRange(caret[0], caret[1]);
    } else if (focusRow || focusEvidence) li.focus();
  } else if (focusRole) {
    app.querySelector<HTMLElement>(`[data-role="${CSS.escape(focusRole)}"]`)?.focus();
  }
  save();
}

/** Shows the host's run-level error above the steps. */
export function showRunError(message: string): void {
  document
    .querySelector('.banners')
    ?.appendChild(h('div', { class: 'banner error', attrs: { role: 'alert' } }, message));
}

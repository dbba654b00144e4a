/**
 * Rendering: the header (run bar, progress, elapsed time) and one row per step, built from text
 * nodes only (dom.ts). The focus and caret are put back after each render.
 */
import type { ChecklistModel, ModelStep } from '../src/checklist/messages';
import { begin, finish, note, reopen, signoff, skip, startRun, toggle } from './actions';
import { evidencePlaceholder } from '../../core/records/validate';
import { formatSeconds } from '../../core/model/duration';
import { append, button, duration, h, when } from './dom';
import { onKey, onRowClick, select, selectionShown } from './keys';
import { page, post, render, save, stepById, writable } from './state';
import { runSwitcher } from './switcher';

let elapsedEl: HTMLElement | undefined;

function statusText(s: ModelStep): string {
  if (!s.tickable) return s.id ? 'id used twice: cannot be ticked' : 'no id: cannot be ticked';
  if (s.status === 'done') {
    const done = `Done ${when(s.at)} by ${s.by ?? '?'}`;
    if (s.signedOff) return `${done}, signed off ${when(s.signedOff.at)} by ${s.signedOff.by}`;
    return s.awaiting ? `${done}: waiting for a second operator to sign off` : done;
  }
  if (s.status === 'skipped') return `Skipped ${when(s.at)} by ${s.by ?? '?'}`;
  if (s.startedAt) return `Started ${when(s.startedAt)}`;
  return 'Not done';
}

/** Seconds a step has run (to its tick once done); undefined when it never began. */
function ranFor(s: ModelStep, now = Date.now()): number | undefined {
  if (!s.startedAt) return undefined;
  const end = s.status === 'done' && s.at ? Date.parse(s.at) : now;
  return Math.max(0, Math.round((end - Date.parse(s.startedAt)) / 1000));
}

/** Running (or ran) past its `expect:`. */
export function pastExpectation(s: ModelStep, now = Date.now()): boolean {
  const ran = ranFor(s, now);
  return s.expect !== undefined && ran !== undefined && s.status !== 'skipped' && ran > s.expect;
}

function timing(s: ModelStep): HTMLElement | undefined {
  const ran = ranFor(s);
  if (s.expect === undefined && ran === undefined) return undefined;
  const over = pastExpectation(s);
  const text =
    ran === undefined
      ? `expected ${formatSeconds(s.expect!)}`
      : `${s.status === 'done' ? 'took' : 'running'} ${formatSeconds(ran)}${s.expect !== undefined ? ` of ${formatSeconds(s.expect)} expected` : ''}`;
  return h('span', { class: `timing${over ? ' over' : ''}` }, text);
}

/** "Waits for": the nearest unmet steps, at most three by name, each a link to its row. */
function waitsFor(s: ModelStep): HTMLElement {
  const shown = s.waitsFor.slice(0, 3);
  const more = s.waitsFor.length - shown.length;
  const el = h('div', { class: 'blocked' }, 'Waits for: ');
  shown.forEach((id, i) => {
    if (i) append(el, ', ');
    const target = stepById(id);
    append(
      el,
      button(id, () => target && goTo(target.key), {
        class: 'link blocker',
        attrs: { title: target ? target.title : id, tabindex: '-1' },
      }),
    );
  });
  if (more) append(el, ` +${more} more`);
  return el;
}

function goTo(key: string): void {
  select(key);
  page.stepEls.get(key)?.scrollIntoView({ block: 'center' });
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
        placeholder: evidencePlaceholder(e),
        'aria-invalid': errors?.fields[e.key] ? 'true' : undefined,
        'aria-describedby': errors?.fields[e.key] ? `${id}-error` : undefined,
        ...(canWrite && page.model?.run ? {} : { disabled: '' }),
      },
    });
    input.value = page.drafts[s.key]?.[e.key] ?? '';
    input.addEventListener('input', () => {
      (page.drafts[s.key] ??= {})[e.key] = input.value;
      save();
      if (input.value.trim()) begin(s, true);
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
    s.signoff &&
      h(
        'span',
        {
          class: `badge signoff${s.awaiting ? ' awaiting' : ''}`,
          attrs: { title: 'Counts as done once a second, different operator signs it off' },
        },
        s.awaiting ? 'awaiting sign-off' : 'two people',
      ),
    pastExpectation(s) &&
      s.status === 'pending' &&
      h(
        'span',
        { class: 'badge over', attrs: { title: 'Running longer than its expect: duration' } },
        'past expectation',
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
  const time = timing(s);
  if (time) append(meta, ' · ', time);
  if (s.status === 'skipped' && s.reason) append(meta, h('div', { class: 'reason' }, `Reason: ${s.reason}`));
  if (s.override && s.status === 'done') append(meta, h('div', { class: 'reason' }, `Override: ${s.override}`));
  if (s.status === 'pending' && s.waitsFor.length && model.run) append(meta, waitsFor(s));

  const body = h('div', { class: 'step-body' }, head, meta);
  if (s.notes) append(body, h('p', { class: 'notes' }, s.notes));
  // A skipped step asks for nothing: no field saying "required" under it (unskip it to fill one in).
  if (s.evidence.length && s.status !== 'skipped') append(body, evidenceList(s, inner, canWrite));
  if (s.runNotes.length || s.history.length) {
    const entries = [
      ...s.history.map((n) => ({ ...n, kind: 'history' })),
      ...s.runNotes.map((n) => ({ ...n, kind: 'note' })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    append(
      body,
      h(
        'ul',
        { class: 'run-notes', attrs: { 'aria-label': 'History and notes' } },
        ...entries.map((n) =>
          h('li', { class: n.kind }, h('span', { class: 'note-meta' }, `${when(n.at)} ${n.by}: `), n.text),
        ),
      ),
    );
  }
  if (errors?.general) append(body, h('div', { class: 'step-error', attrs: { role: 'alert' } }, errors.general));

  const actions = h('div', { class: 'step-actions' });
  if (canWrite && model.run) {
    if (s.status === 'pending' && !s.startedAt)
      append(
        actions,
        button('Start', () => begin(s), { attrs: { tabindex: inner, 'data-role': 'start-step' } }),
      );
    if (s.awaiting)
      append(
        actions,
        button('Sign off…', () => void signoff(s), {
          class: 'primary',
          attrs: { tabindex: inner, 'data-role': 'signoff' },
        }),
      );
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
    runSwitcher(m),
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
      button(run ? 'New run' : 'Start run', () => void startRun(false), {
        class: run ? '' : 'primary',
        attrs: { 'data-role': 'start' },
      }),
      button(run ? 'New rehearsal' : 'Start rehearsal', () => void startRun(true), {
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
        h('span', { class: 'progress-text' }, progressText(run)),
        ' · ',
        elapsedEl,
        // A rehearsal says so in the switcher and in its own banner just below: no third mark here.
        run.finished && h('span', { class: 'badge finished' }, 'finished'),
      ),
    );
    const plan = planLine(run);
    if (plan) append(top, plan);
    if (run.rehearsal)
      append(
        top,
        h(
          'div',
          { class: 'banner rehearsal', attrs: { role: 'status' } },
          'Rehearsal: a practice run, recorded as one. Nothing here is the real recovery.',
        ),
      );
    if (run.startedWithErrors)
      append(
        top,
        h(
          'div',
          { class: 'banner warning started-with-errors' },
          `Started on a runbook with ${run.startedWithErrors.errors === 1 ? '1 error' : `${run.startedWithErrors.errors} errors`}. Reason given: ${run.startedWithErrors.reason ?? '(none)'}`,
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

type Run = NonNullable<ChecklistModel['run']>;

function progressText(run: Run): string {
  const parts = [`${run.done} of ${run.total} done`];
  if (run.skipped) parts.push(`${run.skipped} skipped`);
  if (run.awaiting) parts.push(`${run.awaiting} awaiting sign-off`);
  return parts.join(', ');
}

function elapsedText(run: Run): string {
  const end = run.finished && run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
  const elapsed = `elapsed ${duration(end - Date.parse(run.startedAt))}`;
  return run.rto === undefined ? elapsed : `${elapsed} of ${formatSeconds(run.rto)} objective`;
}

/** The projected finish against the objective, from the expected durations of the steps left. */
function planLine(run: Run): HTMLElement | undefined {
  if (run.finished || (run.rto === undefined && !run.remainingSeconds)) return undefined;
  const finish = run.projectedFinish;
  if (!finish) return undefined;
  const deadline = run.rto !== undefined ? Date.parse(run.startedAt) + run.rto * 1000 : undefined;
  const late = deadline !== undefined && Date.parse(finish) > deadline;
  const unknown = run.unestimated
    ? ` (${run.unestimated} step${run.unestimated === 1 ? '' : 's'} without an expected duration not counted)`
    : '';
  const verdict =
    deadline === undefined
      ? ''
      : late
        ? ` · ${formatSeconds((Date.parse(finish) - deadline) / 1000)} past the objective`
        : ' · inside the objective';
  return h(
    'div',
    { class: `plan-line${late ? ' late' : ''}`, attrs: { title: `Projected finish ${finish}` } },
    `Projected finish ${when(finish)} (${formatSeconds(run.remainingSeconds)} of work left)${verdict}${unknown}`,
  );
}

/** Updates the clock in the header without a render (called every few seconds). */
export function tick(): void {
  const run = page.model?.run;
  if (elapsedEl && run && !run.finished) elapsedEl.textContent = elapsedText(run);
  // A running step crossed its expectation since the last render: mark it.
  const crossed = page.model?.steps.some(
    (s) => s.status === 'pending' && pastExpectation(s) !== !!page.stepEls.get(s.key)?.querySelector('.badge.over'),
  );
  if (crossed) render();
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
  document.body.classList.toggle('rehearsal-run', !!model.run?.rehearsal);
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

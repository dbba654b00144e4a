/**
 * The checklist page. It renders the model the host sends, keeps the selection and unsent evidence
 * with getState/setState, and asks the host for every change (the host decides and writes; the
 * page only checks early so the operator sees problems at once). Keyboard: ↑/↓ (or k/j), Home/End
 * move, Space ticks or unticks, S skips, N adds a note, Enter goes to the evidence fields.
 */
import { evidenceProblems, textProblem } from '../../core/records/validate';
import type {
  ChecklistAction,
  ChecklistModel,
  HostMessage,
  ModelStep,
  PageMessage,
  PageState,
} from '../src/checklist/messages';
import { append, button, duration, h, when } from './dom';
import { prompt, prompting } from './prompt';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved: PageState = vscode.getState() ?? {};
let model: ChecklistModel | null = saved.model ?? null;
let emptyText = 'Open a runbook (*.runbook.yaml) to see its checklist.';
let selected: string | undefined = saved.selected;
const drafts: Record<string, Record<string, string>> = saved.drafts ?? {};
/** Problems per step key, shown under the step until the next change. */
const stepErrors = new Map<string, { general?: string; fields: Record<string, string> }>();
let nextRequest = 1;
const requests = new Map<number, { step?: string; action: ChecklistAction }>();
const app = document.getElementById('app')!;
const stepEls = new Map<string, HTMLLIElement>();
let elapsedEl: HTMLElement | undefined;

function save(): void {
  vscode.setState({ runbookUri: model?.runbook.uri, selected, drafts, model });
}

function post(message: PageMessage): void {
  vscode.postMessage(message);
}

function act(action: ChecklistAction): void {
  const request = nextRequest++;
  requests.set(request, { step: 'step' in action ? action.step : undefined, action });
  if ('step' in action && action.step) stepErrors.delete(action.step);
  post({ type: 'act', request, action });
}

const writable = (): boolean => !!model?.run && !model.readOnly;

// ---- actions ----

function evidenceValues(step: ModelStep): Record<string, string> {
  const draft = drafts[step.key] ?? {};
  const values: Record<string, string> = {};
  for (const e of step.evidence) if (draft[e.key]?.trim()) values[e.key] = draft[e.key];
  return values;
}

async function toggle(step: ModelStep): Promise<void> {
  if (!model?.run) {
    showGeneral(step, 'Start a run (or a rehearsal) first.');
    return;
  }
  if (!writable() || !step.tickable || !step.id) return;
  if (step.status !== 'pending') {
    act({ kind: 'undo', step: step.id });
    return;
  }
  const evidence = evidenceValues(step);
  const problems = evidenceProblems(step.evidence, evidence);
  if (problems.length) {
    stepErrors.set(step.key, { fields: Object.fromEntries(problems.map((p) => [p.key, p.message])) });
    render();
    const first = stepEls
      .get(step.key)
      ?.querySelector<HTMLInputElement>(`input[data-evidence="${CSS.escape(problems[0].key)}"]`);
    first?.focus();
    return;
  }
  let override: string | undefined;
  if (step.blockedBy.length) {
    override = await askOverride(step, step.blockedBy);
    if (override === undefined) return;
  }
  act({ kind: 'tick', step: step.id, evidence: Object.keys(evidence).length ? evidence : undefined, override });
}

function titleOf(id: string): string {
  const s = model?.steps.find((x) => x.id === id);
  return s ? `${id} (${s.title})` : id;
}

function askOverride(step: ModelStep, blockers: string[]): Promise<string | undefined> {
  return prompt({
    title: 'Tick out of order?',
    text: `“${step.title}” comes after ${blockers.length === 1 ? 'a step that is' : 'steps that are'} not done: ${blockers.map(titleOf).join(', ')}. To tick it anyway, give the reason; it is recorded with the tick.`,
    label: 'Override reason',
    okLabel: 'Tick anyway',
    required: true,
    validate: (v) => textProblem(v, 'The reason'),
  });
}

async function skip(step: ModelStep): Promise<void> {
  if (!writable() || !step.tickable || !step.id || step.status === 'skipped') return;
  const reason = await prompt({
    title: 'Skip this step?',
    text: `Why is “${step.title}” skipped? The reason is recorded.`,
    label: 'Reason',
    okLabel: 'Skip',
    required: true,
    validate: (v) => textProblem(v, 'The reason'),
  });
  if (reason !== undefined) act({ kind: 'skip', step: step.id, reason });
}

async function note(step: ModelStep | undefined): Promise<void> {
  if (!writable() || (step && (!step.tickable || !step.id))) return;
  const text = await prompt({
    title: step ? 'Add a note' : 'Add a note to the run',
    text: step ? `A note on “${step.title}”, recorded with your name and the time.` : 'A note on the whole run.',
    label: 'Note',
    okLabel: 'Add note',
    required: true,
    multiline: true,
    validate: (v) => textProblem(v, 'The note'),
  });
  if (text !== undefined) act({ kind: 'note', step: step?.id, note: text });
}

async function finish(): Promise<void> {
  if (!writable() || !model?.run) return;
  const open = model.run.total - model.run.done - model.run.skipped;
  const text = await prompt({
    title: 'Finish the run?',
    text: `${open ? `${open} step${open === 1 ? ' is' : 's are'} neither done nor skipped. ` : 'Every step is done or skipped. '}A finished run is read-only until it is reopened.`,
    label: 'Closing note (optional)',
    okLabel: 'Finish run',
    required: false,
    validate: (v) => textProblem(v, 'The note'),
  });
  if (text !== undefined) act({ kind: 'finish', note: text || undefined });
}

async function reopen(): Promise<void> {
  if (!model?.canReopen) return;
  const reason = await prompt({
    title: 'Reopen the run?',
    text: 'The run becomes editable again; the reopening is recorded.',
    label: 'Reason (optional)',
    okLabel: 'Reopen',
    required: false,
    validate: (v) => textProblem(v, 'The reason'),
  });
  if (reason !== undefined) act({ kind: 'reopen', reason: reason || undefined });
}

function showGeneral(step: ModelStep, message: string): void {
  stepErrors.set(step.key, { general: message, fields: {} });
  render();
}

// ---- rendering ----

function statusText(s: ModelStep): string {
  if (!s.tickable) return s.id ? 'id used twice: cannot be ticked' : 'no id: cannot be ticked';
  if (s.status === 'done') return `Done ${when(s.at)} by ${s.by ?? '?'}`;
  if (s.status === 'skipped') return `Skipped ${when(s.at)} by ${s.by ?? '?'}`;
  return 'Not done';
}

function renderStep(s: ModelStep): HTMLLIElement {
  const isSelected = s.key === selected;
  const inner = isSelected ? '0' : '-1';
  const errors = stepErrors.get(s.key);
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
  if (s.status === 'pending' && s.blockedBy.length && model?.run) {
    append(meta, h('div', { class: 'blocked' }, `Waits for: ${s.blockedBy.join(', ')}`));
  }

  const body = h('div', { class: 'step-body' }, head, meta);
  if (s.notes) append(body, h('p', { class: 'notes' }, s.notes));

  if (s.evidence.length) {
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
          ...(canWrite && model?.run ? {} : { disabled: '' }),
        },
      });
      input.value = drafts[s.key]?.[e.key] ?? '';
      input.addEventListener('input', () => {
        (drafts[s.key] ??= {})[e.key] = input.value;
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
    append(body, list);
  }
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
  if (canWrite && model?.run) {
    if (s.status !== 'skipped')
      append(
        actions,
        button('Skip…', () => void skip(s), { attrs: { tabindex: inner } }),
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
        'aria-labelledby': `title-${s.index}`,
        'aria-describedby': undefined,
        'aria-current': isSelected ? 'true' : undefined,
      },
    },
    tick,
    body,
  );
  li.addEventListener('click', (e) =>
    select(s.key, !(e.target as HTMLElement).closest('input, button, select, textarea')),
  );
  stepEls.set(s.key, li);
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
    const select = h('select', { attrs: { 'aria-label': 'Run', id: 'run-select' } });
    for (const r of m.runs) {
      const o = h('option', { attrs: { value: r.id } }, r.label);
      o.selected = r.id === run?.id;
      select.appendChild(o);
    }
    select.addEventListener('change', () => post({ type: 'selectRun', run: select.value }));
    append(bar, select);
  }
  if (m.canStart) {
    append(
      bar,
      button(run ? 'New run' : 'Start run', () => post({ type: 'start', rehearsal: false }), {
        class: run ? '' : 'primary',
        attrs: { 'data-role': 'start' },
      }),
    );
    append(
      bar,
      button(run ? 'New rehearsal' : 'Start rehearsal', () => post({ type: 'start', rehearsal: true }), {
        attrs: { 'data-role': 'rehearse' },
      }),
    );
  }
  if (run && writable()) {
    append(
      bar,
      button('Note on run…', () => void note(undefined), { attrs: { 'data-role': 'run-note' } }),
    );
    append(
      bar,
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

function render(): void {
  const active = document.activeElement as HTMLElement | null;
  const focusStep = active?.closest<HTMLElement>('li.step')
    ? [...stepEls.entries()].find(([, el]) => el === active.closest('li.step'))?.[0]
    : undefined;
  const focusEvidence = active instanceof HTMLInputElement ? active.dataset.evidence : undefined;
  const caret = active instanceof HTMLInputElement ? [active.selectionStart, active.selectionEnd] : undefined;
  const focusRole = active?.dataset.role;
  const focusStepList = active?.tagName === 'LI' && !!focusStep;

  stepEls.clear();
  if (!model) {
    app.replaceChildren(h('p', { class: 'empty' }, emptyText));
    save();
    return;
  }
  if (!selected || !model.steps.some((s) => s.key === selected)) selected = model.steps[0]?.key;
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
  if (model.removed.length) {
    parts.push(
      h(
        'section',
        { class: 'removed' },
        h('h2', null, 'In the record, no longer in the runbook'),
        h(
          'ul',
          null,
          ...model.removed.map((r) =>
            h(
              'li',
              null,
              h('code', null, r.id),
              ` ${r.status}${r.by ? ` by ${r.by}` : ''}${r.at ? ` ${when(r.at)}` : ''}`,
            ),
          ),
        ),
      ),
    );
  }
  parts.push(h('footer', { class: 'keys' }, '↑ ↓ move · Space tick/untick · S skip · N note · Enter evidence'));
  app.replaceChildren(...parts);

  // Put the focus back where it was.
  if (focusStep && stepEls.has(focusStep)) {
    const li = stepEls.get(focusStep)!;
    const input = focusEvidence
      ? li.querySelector<HTMLInputElement>(`input[data-evidence="${CSS.escape(focusEvidence)}"]`)
      : null;
    if (input && !input.disabled) {
      input.focus();
      if (caret) input.setSelectionRange(caret[0], caret[1]);
    } else if (focusStepList || focusEvidence) li.focus();
  } else if (focusRole) {
    app.querySelector<HTMLElement>(`[data-role="${CSS.escape(focusRole)}"]`)?.focus();
  }
  save();
}

function select(key: string, focus = true): void {
  if (selected !== key) {
    const old = selected ? stepEls.get(selected) : undefined;
    selected = key;
    if (old) setInner(old, false);
    const li = stepEls.get(key);
    if (li) setInner(li, true);
    save();
  }
  if (focus) stepEls.get(key)?.focus();
}

/** Roving focus: only the selected step and its controls are in the Tab order. */
function setInner(li: HTMLLIElement, on: boolean): void {
  li.classList.toggle('selected', on);
  li.tabIndex = on ? 0 : -1;
  if (on) li.setAttribute('aria-current', 'true');
  else li.removeAttribute('aria-current');
  li.querySelectorAll<HTMLElement>('input:not(.tick), button').forEach((el) => {
    el.tabIndex = on ? 0 : -1;
  });
}

function stepByKey(key: string | undefined): ModelStep | undefined {
  return key ? model?.steps.find((s) => s.key === key) : undefined;
}

function onKey(e: KeyboardEvent): void {
  if (prompting() || e.altKey || e.ctrlKey || e.metaKey) return;
  const target = e.target as HTMLElement;
  const li = target.closest<HTMLLIElement>('li.step');
  const key = li ? [...stepEls.entries()].find(([, el]) => el === li)?.[0] : undefined;
  const step = stepByKey(key);
  if (!model || !step || !key) return;
  if (target instanceof HTMLInputElement && target.dataset.evidence !== undefined) {
    if (e.key === 'Enter') {
      e.preventDefault();
      void toggle(step);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      li!.focus();
    }
    return;
  }
  if (target !== li) return; // buttons handle their own keys
  const keys = model.steps.map((s) => s.key);
  const at = keys.indexOf(key);
  const move = (i: number) => {
    e.preventDefault();
    select(keys[Math.max(0, Math.min(keys.length - 1, i))]);
    stepEls.get(selected!)?.scrollIntoView({ block: 'nearest' });
  };
  switch (e.key) {
    case 'ArrowDown':
    case 'j':
      move(at + 1);
      break;
    case 'ArrowUp':
    case 'k':
      move(at - 1);
      break;
    case 'Home':
      move(0);
      break;
    case 'End':
      move(keys.length - 1);
      break;
    case ' ':
      e.preventDefault();
      void toggle(step);
      break;
    case 's':
    case 'S':
      e.preventDefault();
      void skip(step);
      break;
    case 'n':
    case 'N':
      e.preventDefault();
      void note(step);
      break;
    case 'Enter': {
      const input = li.querySelector<HTMLInputElement>('input[data-evidence]:not([disabled])');
      if (input) {
        e.preventDefault();
        input.focus();
      }
      break;
    }
  }
}

// ---- messages from the host ----

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'model':
      if (m.model?.runbook.uri !== model?.runbook.uri) {
        stepErrors.clear();
        selected = undefined;
      }
      model = m.model;
      if (m.empty) emptyText = m.empty;
      render();
      break;
    case 'accepted': {
      const r = requests.get(m.request);
      requests.delete(m.request);
      if (r?.action.kind === 'tick' && r.step) {
        delete drafts[r.step];
        save();
      }
      break;
    }
    case 'refused': {
      const r = requests.get(m.request);
      requests.delete(m.request);
      const step = model?.steps.find((s) => s.id === r?.step);
      if (m.code === 'gate' && step && r?.action.kind === 'tick' && m.blockers?.length) {
        const action = r.action;
        void askOverride(step, m.blockers).then((override) => {
          if (override !== undefined) act({ ...action, override });
        });
        break;
      }
      if (step) {
        stepErrors.set(step.key, {
          general: m.fields?.length ? undefined : m.message,
          fields: Object.fromEntries((m.fields ?? []).map((f) => [f.key, f.message])),
        });
        render();
      } else {
        showRunError(m.message);
      }
      break;
    }
    case 'focus':
      if (stepEls.has(m.step)) {
        select(m.step);
        stepEls.get(m.step)?.scrollIntoView({ block: 'center' });
      }
      break;
  }
});

function showRunError(message: string): void {
  const banners = app.querySelector('.banners');
  banners?.appendChild(h('div', { class: 'banner error', attrs: { role: 'alert' } }, message));
}

setInterval(() => {
  if (elapsedEl && model?.run && !model.run.finished) elapsedEl.textContent = elapsedText(model.run);
}, 15_000);

render();
post({ type: 'ready' });

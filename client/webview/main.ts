/**
 * The checklist page: boots the state, the renderer and the pointer guard, and handles the host's
 * messages. The parts: state.ts (model, selection, drafts, requests), actions.ts (what the
 * operator can do), render.ts (DOM from the model), keys.ts (selection and shortcuts), pointer.ts
 * (no layout change under a pressed pointer). Keyboard: ↑/↓ (or k/j), Home/End move, Space ticks
 * or unticks, S skips, N adds a note, Enter goes to the evidence fields.
 */
import type { HostMessage } from '../src/checklist/messages';
import { askOverride } from './actions';
import { select } from './keys';
import { installPointerGuard, whenReleased } from './pointer';
import { renderNow, showRunError, tick } from './render';
import { act, page, post, render, requests, save, setRenderer, stepById } from './state';

setRenderer(() => whenReleased(renderNow));
installPointerGuard();

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'model':
      if (m.model?.runbook.uri !== page.model?.runbook.uri) {
        page.stepErrors.clear();
        page.selected = undefined;
      }
      page.model = m.model;
      page.openRuns = Array.isArray(m.openRuns) ? m.openRuns : [];
      if (m.empty) page.emptyText = m.empty;
      render();
      break;
    case 'accepted': {
      const r = requests.get(m.request);
      requests.delete(m.request);
      if (r?.action.kind === 'tick' && r.step) {
        delete page.drafts[r.step];
        save();
      }
      break;
    }
    case 'refused': {
      const r = requests.get(m.request);
      requests.delete(m.request);
      if (r?.silent) break;
      const step = stepById(r?.step);
      if (m.code === 'gate' && step && r?.action.kind === 'tick' && m.blockers?.length) {
        const action = r.action;
        void askOverride(step, m.blockers).then((override) => {
          if (override !== undefined) act({ ...action, override });
        });
        break;
      }
      if (step) {
        page.stepErrors.set(step.key, {
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
      if (page.stepEls.has(m.step)) {
        select(m.step);
        page.stepEls.get(m.step)?.scrollIntoView({ block: 'center' });
      }
      break;
  }
});

setInterval(tick, 15_000);

renderNow();
post({ type: 'ready' });

/**
 * Selection and keyboard. Roving focus: only the selected step and its controls are in the Tab
 * order. Shortcuts act only when a step row itself has the focus: while a text field, a text
 * area, a select, a list (the run switcher) or a dialog has it, every key belongs to that control.
 */
import { note, skip, toggle } from './actions';
import { pressBeganIn, whenReleased } from './pointer';
import { prompting } from './prompt';
import { page, save, stepByKey } from './state';

/** Controls whose keys are text or choices, never checklist shortcuts. */
export const TYPING = 'input:not([type="checkbox"]), textarea, select, dialog, [contenteditable], [role="listbox"]';

let shownSelected: string | undefined;

export function select(key: string, focus = true): void {
  if (page.selected !== key) {
    page.selected = key;
    save();
    whenReleased(showSelection);
  }
  if (focus) page.stepEls.get(key)?.focus();
}

/** Moves the `selected` look and the Tab stops to `page.selected` (after a press, not during it). */
export function showSelection(): void {
  const old = shownSelected ? page.stepEls.get(shownSelected) : undefined;
  if (old) setInner(old, false);
  shownSelected = page.selected;
  const li = page.selected ? page.stepEls.get(page.selected) : undefined;
  if (li) setInner(li, true);
}

/** After a full render: the rows were built with the selection as it is now. */
export function selectionShown(): void {
  shownSelected = page.selected;
}

function setInner(li: HTMLLIElement, on: boolean): void {
  li.classList.toggle('selected', on);
  li.tabIndex = on ? 0 : -1;
  if (on) li.setAttribute('aria-current', 'true');
  else li.removeAttribute('aria-current');
  li.querySelectorAll<HTMLElement>('input:not(.tick), button').forEach((el) => {
    el.tabIndex = on ? 0 : -1;
  });
}

/** A click on a row selects it; it takes the focus only when the press began on the row itself. */
export function onRowClick(key: string, e: MouseEvent): void {
  const onControl = (e.target as HTMLElement).closest('input, button, select, textarea, a');
  select(key, !onControl && !pressBeganIn(TYPING));
}

function keyOf(li: HTMLLIElement): string | undefined {
  for (const [key, el] of page.stepEls) if (el === li) return key;
  return undefined;
}

export function onKey(e: KeyboardEvent): void {
  if (prompting() || e.altKey || e.ctrlKey || e.metaKey) return;
  const target = e.target as HTMLElement;
  const li = target.closest<HTMLLIElement>('li.step');
  const key = li ? keyOf(li) : undefined;
  const step = stepByKey(key);
  if (!page.model || !step || !key || !li) return;
  if (target.closest(TYPING)) {
    if (!(target instanceof HTMLInputElement) || target.dataset.evidence === undefined) return;
    // Enter submits the step this field belongs to, once; Escape goes back to the row.
    if (e.key === 'Enter' && !e.repeat && !e.isComposing) {
      e.preventDefault();
      e.stopPropagation();
      void toggle(step);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      li.focus();
    }
    return;
  }
  if (target !== li) return; // buttons and the tick box handle their own keys
  const keys = page.model.steps.map((s) => s.key);
  const at = keys.indexOf(key);
  const move = (i: number) => {
    e.preventDefault();
    select(keys[Math.max(0, Math.min(keys.length - 1, i))]);
    page.stepEls.get(page.selected!)?.scrollIntoView({ block: 'nearest' });
  };
  // A held key repeats: moving may repeat, changing the record may not.
  if (e.repeat && !['ArrowDown', 'ArrowUp', 'j', 'k'].includes(e.key)) {
    if ([' ', 's', 'S', 'n', 'N', 'Enter'].includes(e.key)) e.preventDefault();
    return;
  }
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

/**
 * A modal question with one text field (skip reason, note, override reason), built on <dialog>:
 * focus moves into it and back, Escape cancels, Enter (Ctrl+Enter in a multi-line field) submits.
 */
import { h } from './dom';

export interface PromptOptions {
  title: string;
  text: string;
  label: string;
  okLabel: string;
  required: boolean;
  multiline?: boolean;
  initial?: string;
  /** A message when the value may not be used. */
  validate?: (value: string) => string | undefined;
}

let open: Promise<string | undefined> | undefined;

export function prompt(o: PromptOptions): Promise<string | undefined> {
  if (open) return Promise.resolve(undefined);
  const previous = document.activeElement as HTMLElement | null;
  const field = o.multiline
    ? h('textarea', {
        class: 'prompt-field',
        attrs: { rows: '3', id: 'prompt-field', 'aria-describedby': 'prompt-text prompt-error' },
      })
    : h('input', {
        class: 'prompt-field',
        attrs: {
          type: 'text',
          id: 'prompt-field',
          autocomplete: 'off',
          'aria-describedby': 'prompt-text prompt-error',
        },
      });
  field.value = o.initial ?? '';
  const error = h('p', { class: 'prompt-error', attrs: { id: 'prompt-error', role: 'alert' } });
  const ok = h('button', { class: 'primary', attrs: { type: 'submit' } }, o.okLabel);
  const cancel = h('button', { attrs: { type: 'button', value: 'cancel' } }, 'Cancel');
  const form = h(
    'form',
    { attrs: { method: 'dialog' } },
    h('h2', { attrs: { id: 'prompt-title' } }, o.title),
    h('p', { attrs: { id: 'prompt-text' } }, o.text),
    h('label', { attrs: { for: 'prompt-field' } }, o.label),
    field,
    error,
    h('div', { class: 'prompt-buttons' }, ok, cancel),
  );
  const dialog = h('dialog', { class: 'prompt', attrs: { 'aria-labelledby': 'prompt-title' } }, form);
  document.body.appendChild(dialog);

  open = new Promise<string | undefined>((resolve) => {
    let done = false;
    // Closes at once (not on the dialog's later 'close' event), so keys typed right after Enter
    // already reach the step the focus went back to.
    const finish = (result: string | undefined) => {
      if (done) return;
      done = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      open = undefined;
      previous?.focus();
      resolve(result);
    };
    const submit = () => {
      const value = field.value.trim();
      const why = o.required && !value ? `${o.label} is required.` : value ? o.validate?.(value) : undefined;
      if (why) {
        error.textContent = why;
        field.setAttribute('aria-invalid', 'true');
        field.focus();
        return;
      }
      finish(value);
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit();
    });
    field.addEventListener('keydown', (e) => {
      const ke = e as KeyboardEvent;
      if (o.multiline && ke.key === 'Enter' && (ke.ctrlKey || ke.metaKey)) {
        e.preventDefault();
        submit();
      }
      ke.stopPropagation();
    });
    cancel.addEventListener('click', () => finish(undefined));
    // Escape: the browser cancels the dialog.
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(undefined);
    });
    dialog.addEventListener('close', () => finish(undefined));
  });
  dialog.showModal();
  field.focus();
  return open;
}

/** True while a prompt is open (keyboard shortcuts of the list pause). */
export function prompting(): boolean {
  return !!open;
}

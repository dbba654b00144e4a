/**
 * Nothing moves under a pressed pointer. A click goes to the element under the pointer at press
 * AND release; if the list re-flows in between (the old row hiding its buttons when a field below
 * it takes focus, or a new model arriving), the release lands on another element and the click goes
 * to a row instead of the field that was pressed: the row takes focus and typed letters become
 * shortcuts. So layout changes asked for while a button is down wait until just after the click.
 */
let pressed = false;
let pressTarget: Element | null = null;
const held = new Set<() => void>();

/** Runs `fn` now, or once the pointer is released (each function at most once). */
export function whenReleased(fn: () => void): void {
  if (pressed) held.add(fn);
  else fn();
}

/** True when the current (or just finished) press began on an element matching `selector`. */
export function pressBeganIn(selector: string): boolean {
  return !!pressTarget?.closest(selector);
}

function release(): void {
  if (!pressed) return;
  pressed = false;
  // After the click that follows this release, which is dispatched in the same task.
  setTimeout(() => {
    pressTarget = null;
    const fns = [...held];
    held.clear();
    for (const fn of fns) fn();
  }, 0);
}

export function installPointerGuard(): void {
  document.addEventListener(
    'pointerdown',
    (e) => {
      pressed = true;
      pressTarget = e.target instanceof Element ? e.target : null;
    },
    true,
  );
  document.addEventListener('pointerup', release, true);
  document.addEventListener('pointercancel', release, true);
  window.addEventListener('blur', release);
}

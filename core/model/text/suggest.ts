/** "Did you mean" suggestions: the closest candidates by edit distance, close enough to help. */

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** Up to `max` candidates, nearest first; none when nothing is plausibly meant. */
export function suggest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const limit = Math.max(2, Math.floor(needle.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const hay = c.toLowerCase();
    // The distance is at least the difference in length: skip the quadratic count when that
    // alone rules a candidate out (a 50,000-character value against every action name).
    if (Math.abs(needle.length - hay.length) > limit && !hay.includes(needle)) continue;
    let d = editDistance(needle, hay);
    // A typed prefix or the part after the dot ("restore" for "database.restore") is a strong hint.
    if (hay.startsWith(needle) || hay.endsWith(`.${needle}`) || hay.includes(needle)) d = Math.min(d, 1);
    if (d <= limit) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || x.c.localeCompare(y.c));
  // Only the near ones: with `database.mount` one letter away, `database.dismount` (the opposite
  // operation, three letters further) is not a plausible reading of `database.mont`.
  const best = scored[0]?.d ?? 0;
  return scored
    .filter((s) => s.d <= best + 1)
    .slice(0, max)
    .map((s) => s.c);
}

/** "Did you mean `a` or `b`?" or the empty string. */
export function didYouMean(options: string[]): string {
  if (options.length === 0) return '';
  const quoted = options.map((o) => `\`${o}\``);
  const joined = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` Did you mean ${joined}?`;
}

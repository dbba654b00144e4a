/** One time format on every surface (header, rows, banners, status bar, tree): `09:01 UTC` today, else with the date. */
export function when(iso: string | undefined, now = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = d.toISOString().slice(0, 10);
  const time = d.toISOString().slice(11, 16);
  return date === now.toISOString().slice(0, 10) ? `${time} UTC` : `${date} ${time} UTC`;
}

// The launcher's side of the page: drivers (test/e2e/drivers/*.mjs) do in the workbench page what
// the extension host cannot (click inside a webview, read the status bar). Two kinds of work:
//
// - `drive(page, log)`: a one-off job started with the page (click the first step, take a picture).
//   `serves` names the test (its full mocha title) it belongs to: with RUNBOOK_E2E_GREP excluding
//   that test the job is not started, so it cannot act on another test's page.
// - `answers`: named questions a test asks while it runs (test/e2e/suite/helpers.ts `askPage`). The
//   test writes `<id>.ask.json` ({ op, args }) into RUNBOOK_E2E_BRIDGE; this answers with
//   `<id>.answer.json` ({ value } or { error }), so a failing driver fails the test that asked.
//
// A job that throws, or that is still waiting when the suite ends, is reported to `onFailure` and
// the launcher fails the run: a test never passes because its page-side half did nothing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DRIVERS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'drivers');

export async function startDrivers({ page, log, bridgeDir, grep, web = false }) {
  const failures = [];
  let report = (name, err) => failures.push([name, err]);
  const pending = new Set();
  const answers = new Map();
  const files = fs.existsSync(DRIVERS) ? fs.readdirSync(DRIVERS).filter((f) => f.endsWith('.mjs')) : [];
  const selected = grep ? new RegExp(grep) : undefined;
  for (const file of files.sort()) {
    const m = await import(path.join(DRIVERS, file));
    for (const [op, fn] of Object.entries(m.answers ?? {})) {
      if (answers.has(op)) throw new Error(`drivers ${answers.get(op).file} and ${file} both answer "${op}"`);
      answers.set(op, { file, fn });
    }
    if (typeof m.drive !== 'function') continue;
    // The Node suite (test/e2e) and the web suite (test/e2e-web) have their own tests: a job
    // names the one it serves in each (`serves`, `servesWeb`) and runs only with that suite.
    const serves = web ? m.servesWeb : m.serves;
    if (!serves) continue;
    if (selected && !selected.test(serves)) {
      log(`driver ${file}: not started (its test "${serves}" is not in RUNBOOK_E2E_GREP)`);
      continue;
    }
    pending.add(file);
    m.drive(page, log)
      .then(() => pending.delete(file))
      .catch((err) => {
        pending.delete(file);
        report(file, err);
      });
  }

  // The questions: polled, because the asking side is another process (the extension host).
  const seen = new Set();
  let stopped = false;
  const poll = async () => {
    while (!stopped) {
      for (const name of fs.readdirSync(bridgeDir)) {
        if (!name.endsWith('.ask.json') || seen.has(name)) continue;
        seen.add(name);
        void answer(name);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const answer = async (name) => {
    const id = name.slice(0, -'.ask.json'.length);
    let reply;
    let op = '?';
    try {
      const ask = JSON.parse(fs.readFileSync(path.join(bridgeDir, name), 'utf8'));
      op = ask.op;
      const handler = answers.get(op);
      if (!handler) throw new Error(`no driver answers "${op}"`);
      reply = { value: (await handler.fn(page, ask.args ?? {}, log)) ?? null };
    } catch (err) {
      reply = { error: `${op}: ${err.message.split('\n')[0]}` };
      report(`answer ${op}`, err);
    }
    // Written whole, then renamed: the test never reads half an answer.
    const tmp = path.join(bridgeDir, `${id}.answer.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(reply));
    fs.renameSync(tmp, path.join(bridgeDir, `${id}.answer.json`));
  };
  void poll();

  return {
    onFailure(fn) {
      for (const [name, err] of failures.splice(0)) fn(name, err);
      report = fn;
    },
    stop() {
      stopped = true;
    },
    unfinished: () => [...pending],
  };
}

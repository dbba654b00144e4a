// The checklist and the status bar in the real editor, read from the page as a person sees them
// (test/e2e/drivers/checklist-status.mjs answers through test/e2e/page-bridge.mjs): a started run
// stays in view when another runbook becomes active, the status bar names it with the header's
// counts (skipped is not done) and follows each tick, and goes away when the run is finished.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activate, waitFor, workspaceUri } from './helpers';
import { askPage } from './pageBridge';
import { shortTitle } from '../../../client/src/checklist/switcher';

interface Header {
  empty: string | null;
  title: string | null;
  progress: string | null;
  pinned: string | null;
  steps: { key: string; status: string }[];
}
interface StatusItem {
  text: string;
  ariaLabel: string | null;
}

const RUNBOOK_A = 'mailbox-restore.runbook.yaml';
const RUNBOOK_B = 'backup.runbook.yaml';

const titleOf = (file: string) => /^title: (.+)$/m.exec(fs.readFileSync(workspaceUri(file).fsPath, 'utf8'))![1].trim();
const header = () => askPage<Header>('checklist');
const statusItem = () => askPage<StatusItem | null>('statusBar');

/** "N of M done[, K skipped]" in the header, "N/M done" in the status bar: the same N and M. */
function counts(h: Header): { done: number; total: number; skipped: number } {
  const m = /^(\d+) of (\d+) done(?:, (\d+) skipped)?/.exec(h.progress ?? '');
  assert.ok(m, `the header shows progress, got ${JSON.stringify(h.progress)}`);
  return { done: Number(m[1]), total: Number(m[2]), skipped: Number(m[3] ?? 0) };
}
function statusCounts(s: StatusItem | null): { done: number; total: number } | undefined {
  const m = s && /(\d+)\/(\d+) done/.exec(s.text);
  return m ? { done: Number(m[1]), total: Number(m[2]) } : undefined;
}

/** Waits until the header shows `want` and the status bar shows the same done/total. */
async function headerAndStatusAgree(want: { done: number; skipped: number }): Promise<StatusItem> {
  let last = '';
  try {
    return await waitFor(
      async () => {
        const h = await header();
        const s = await statusItem();
        const c = counts(h);
        last = `header ${JSON.stringify(h.progress)}, status bar ${JSON.stringify(s?.text)}`;
        const sc = statusCounts(s);
        return c.done === want.done && c.skipped === want.skipped && sc?.done === c.done && sc.total === c.total && s!;
      },
      `header and status bar to show ${want.done} done, ${want.skipped} skipped`,
      30_000,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}; last seen: ${last}`);
  }
}

/** Runs other tests left open would keep the status bar: this test needs to see it go. */
function finishOtherOpenRuns(): void {
  const runs = workspaceUri('runs').fsPath;
  if (!fs.existsSync(runs)) return;
  for (const name of fs.readdirSync(runs).filter((n) => n.endsWith('.runbook-run'))) {
    const file = `${runs}/${name}`;
    const events = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).event as string);
    if (events.lastIndexOf('finish') > events.lastIndexOf('reopen')) continue;
    fs.appendFileSync(
      file,
      JSON.stringify({
        at: new Date().toISOString(),
        by: 'E2E Setup',
        event: 'finish',
        note: 'closed by pinned-run.e2e',
      }) + '\n',
    );
  }
}

/**
 * RUNBOOK_E2E_SCREENSHOTS=1: the checklist mid-run beside its runbook, as an operator has it, in the
 * dark and the light default theme, for the README (docs/images/vscode-checklist-{dark,light}.png).
 */
async function screenshots(): Promise<void> {
  const a = workspaceUri(RUNBOOK_A);
  const settle = () => new Promise((r) => setTimeout(r, 2500));
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  await vscode.commands.executeCommand('workbench.action.closeSidebar'); // room for the runbook and its checklist
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(a), vscode.ViewColumn.One);
  await vscode.commands.executeCommand('runbook.openChecklistBeside', a);
  await vscode.commands.executeCommand('workbench.action.closePanel');
  const title = titleOf(RUNBOOK_A);
  await waitFor(async () => (await header()).title === title, 'the checklist beside the editor');
  const themes = vscode.workspace.getConfiguration('workbench');
  for (const [theme, name] of [
    ['Default Dark Modern', 'vscode-checklist-dark.png'],
    ['Default Light Modern', 'vscode-checklist-light.png'],
  ]) {
    await themes.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
    await settle();
    await askPage('screenshot', { name });
  }
  await themes.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
}

describe('pinned run and status bar', function () {
  // Each test waits on the page through the bridge, several times, on a shared 2-core machine.
  this.timeout(180_000);
  let titleA: string;
  let recordA: vscode.Uri;

  before(async () => {
    await activate();
    await vscode.workspace
      .getConfiguration('runbook')
      .update('operator', 'E2E Operator', vscode.ConfigurationTarget.Global);
    finishOtherOpenRuns();
    titleA = titleOf(RUNBOOK_A);
  });

  it('a run started on runbook A stays in the checklist and the status bar while runbook B is the active editor', async () => {
    const a = workspaceUri(RUNBOOK_A);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(a));
    await vscode.commands.executeCommand('runbook.startRun', a, 'rehearsal');
    recordA = await waitFor(async () => {
      const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(workspaceUri('runs'))).catch(() => []);
      const file = entries.map(([n]) => n).find((n) => n.startsWith('mailbox-restore') && n.endsWith('.runbook-run'));
      return file ? workspaceUri('runs', file) : undefined;
    }, 'the run record of A');
    await waitFor(async () => (await header()).title === titleA, 'the checklist to show runbook A', 60_000);

    const b = workspaceUri(RUNBOOK_B);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(b));
    await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.toString() === b.toString(),
      'runbook B to be the active editor',
    );
    // A checklist that follows the editor swaps within a few hundred milliseconds: give it time to.
    await new Promise((r) => setTimeout(r, 2500));
    const h = await header();
    assert.strictEqual(h.title, titleA, `the checklist still shows A's run, not B (${h.empty ?? h.title})`);
    assert.ok(h.pinned?.includes(titleA), `the switcher names A's run: ${h.pinned}`);
    assert.match(h.pinned ?? '', /rehearsal/, 'the switcher says it is a rehearsal');
    assert.strictEqual(h.steps.length, 9, "A's nine steps are listed");

    const s = await headerAndStatusAgree({ done: 0, skipped: 0 });
    assert.ok(s.text.includes(shortTitle(titleA)), `the status bar names A's run: ${s.text}`);
    assert.match(s.text, /Rehearsal/);
    assert.ok(s.ariaLabel?.includes(titleA), `the status bar's accessible name has A's full title: ${s.ariaLabel}`);
  });

  it('a tick and a skip in the checklist change the status bar count to the header count (skipped is not done)', async () => {
    // A's first step asks for the help desk ticket: type it into its field, Enter ticks the step.
    await askPage('checklistClick', { selector: 'li.step[data-status="pending"] input[data-evidence="ticket"]' });
    await askPage('checklistType', { text: 'HD-4711', press: 'Enter' });
    await headerAndStatusAgree({ done: 1, skipped: 0 });

    // Skip the next step as an operator would: select its row, "Skip…", type the reason, Enter.
    await askPage('checklistClick', { selector: 'li.step[data-status="pending"] .title' });
    await askPage('checklistClick', { selector: 'li.step.selected button:has-text("Skip…")' });
    await askPage('checklistType', { text: 'tape already checked', press: 'Enter' });
    const s = await headerAndStatusAgree({ done: 1, skipped: 1 });
    assert.match(s.text, /1\/9 done/, 'the skipped step is not counted as done');

    if (process.env.RUNBOOK_E2E_SCREENSHOTS === '1') await screenshots();

    const events = new TextDecoder()
      .decode(await vscode.workspace.fs.readFile(recordA))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).event);
    assert.deepStrictEqual(
      events.filter((e: string) => e !== 'begin'),
      ['start', 'done', 'skip'],
    );
  });

  it('finishing the run in the checklist takes the status bar item away', async () => {
    assert.ok(await statusItem(), 'the item shows before');
    await askPage('checklistClick', { selector: 'button[data-role="finish"]' });
    await askPage('checklistType', { text: 'e2e done', press: 'Enter' });
    await waitFor(
      async () => /"event":"finish"/.test(new TextDecoder().decode(await vscode.workspace.fs.readFile(recordA))),
      'the finish to reach the record',
    );
    let last: StatusItem | null = null;
    try {
      await waitFor(
        async () => {
          last = await statusItem();
          return last === null;
        },
        'the status bar item to go away',
        20_000,
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}; it still shows ${JSON.stringify(last)}`);
    }
  });
});

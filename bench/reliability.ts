/**
 * Reliability measures for issue 13's closing note (not part of `npm run bench`'s targets):
 * a ~10 MB runbook opened in the bundled server while a small one is hovered every 100 ms.
 * Prints the worst hover latency on the small document, the time to the large one's
 * diagnostics, and the server's peak resident memory (VmHWM, main and checker thread together).
 * Run: node esbuild.mjs && node --import tsx bench/reliability.ts [megabytes]
 */
import { readFileSync } from 'node:fs';
import { HoverRequest } from 'vscode-languageserver-protocol';
import { startServer } from '../test/lsp/lspClient';
import { generateRunbook } from './generate';

function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main(): Promise<void> {
  const megabytes = Number(process.argv[2] ?? 10);
  const probe = generateRunbook(1000, true);
  const steps = Math.ceil((megabytes * 1_000_000) / (probe.text.length / 1000));
  const big = generateRunbook(steps, true).text;
  const small = generateRunbook(20, false).text;
  const session = await startServer();
  const pid = session.process.pid!;
  try {
    const smallReady = session.nextDiagnostics('file:///small.runbook.yaml');
    session.open('file:///small.runbook.yaml', small);
    await smallReady;
    const started = Date.now();
    let done = false;
    const largeReady = session.nextDiagnostics('file:///large.runbook.yaml').then((d) => {
      done = true;
      return d;
    });
    session.open('file:///large.runbook.yaml', big);
    const latencies: { at: number; ms: number }[] = [];
    while (!done) {
      const t = Date.now();
      await session.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: 'file:///small.runbook.yaml' },
        position: { line: 1, character: 2 },
      });
      latencies.push({ at: t - started, ms: Date.now() - t });
      await new Promise((r) => setTimeout(r, 100));
    }
    const diagnostics = await largeReady;
    console.log(
      JSON.stringify({
        bytes: big.length,
        steps,
        diagnosticsAfterMs: Date.now() - started,
        diagnostics: diagnostics.diagnostics.length,
        largeFileNotice: diagnostics.diagnostics.some((d) => d.code === 'large-file'),
        hovers: latencies.length,
        // The first hover queues behind the 10 MB didOpen message itself (JSON decoding on the
        // main thread); the rest measure the check of the large document.
        firstHoverMs: latencies[0]?.ms,
        worstHoverMs: Math.max(...latencies.map((l) => l.ms)),
        worstHoverAfterOpenMs: Math.max(...latencies.slice(1).map((l) => l.ms)),
        p95HoverMs: [...latencies].sort((a, b) => a.ms - b.ms)[Math.floor(latencies.length * 0.95)]?.ms,
        slowest: [...latencies].sort((a, b) => b.ms - a.ms).slice(0, 5),
        peakRssMiB: Math.round(peakRssMiB(pid)),
      }),
    );
  } finally {
    await session.stop();
  }
}

void main();

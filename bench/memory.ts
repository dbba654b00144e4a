/**
 * Section 4/11's memory measure alone (both families, ours only), for work on the server's
 * memory: `node --import tsx bench/memory.ts [--family clean|messy] [--node-args "..."]`.
 * Build first (`node esbuild.mjs`). Prints MiB after open and the peak over 100 edits.
 */
import { generateMessyRunbook, generateRunbook } from './generate';
import { measureMemory, OURS } from './servers';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const family = args.includes('--family') ? args[args.indexOf('--family') + 1] : 'both';
  const steps = args.includes('--steps') ? Number(args[args.indexOf('--steps') + 1]) : 10_000;
  const families = family === 'both' ? ['clean', 'messy'] : [family];
  for (const f of families) {
    const rb = f === 'clean' ? generateRunbook(steps, false) : generateMessyRunbook(steps);
    const nodeArgs = process.env.NODE_ARGS ? process.env.NODE_ARGS.split(' ') : undefined;
    const m = await measureMemory({ ...OURS, nodeArgs }, rb, 100);
    const peak = Math.max(m.afterBurst?.hwmMiB ?? NaN, m.peakRssDuringBurstMiB);
    console.log(
      `${f} ${steps} steps: after open ${m.afterOpen?.rssMiB.toFixed(1)} MiB, peak ${peak.toFixed(1)} MiB, burst ${m.burstMs.toFixed(0)} ms`,
    );
  }
}

void main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

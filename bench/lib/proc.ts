/** Memory of a process from /proc/<pid>/status (Linux): resident now (VmRSS) and its peak (VmHWM). */
import { readFileSync } from 'node:fs';

export interface Memory {
  rssMiB: number;
  hwmMiB: number;
}

export function memoryOf(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kb('VmRSS') / 1024, hwmMiB: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Samples VmRSS every `everyMs` until stopped; returns the largest value seen. */
export function sampleRss(pid: number, everyMs = 10): { stop: () => { peakRssMiB: number; samples: number } } {
  let peak = 0;
  let samples = 0;
  const timer = setInterval(() => {
    const m = memoryOf(pid);
    if (m) {
      peak = Math.max(peak, m.rssMiB);
      samples++;
    }
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return { peakRssMiB: peak, samples };
    },
  };
}

/**
 * CPU time (user + system, all threads) a process has used so far, in ms, from /proc/<pid>/stat
 * (Linux; clock ticks of 10 ms). On a machine shared with other work it says what a server cost
 * where its wall-clock times also count the waits for a core.
 */
export function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

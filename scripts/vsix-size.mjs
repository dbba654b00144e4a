// Prints the packaged extension's size and contents (the budget is 1 MB).
import { statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
const file = 'runbook-studio.vsix';
const bytes = statSync(file).size;
console.log(`${file}: ${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`);
try {
  console.log(execFileSync('unzip', ['-l', file], { encoding: 'utf8' }));
} catch {
  /* unzip is optional */
}

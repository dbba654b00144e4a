/**
 * The language service in process, against the floor: what the `yaml` library and ajv alone need
 * for the same text (parseDocument of the whole text, then validation of `doc.toJS()` against the
 * shipped schema, compiled once). Cold: a fresh service per run. Warm: the same service after a
 * one-character edit in the title of the middle step, alternating so the text keeps changing.
 * Floor and service runs are interleaved and compared pair by pair.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { createLanguageService } from '../core/service';
import type { Runbook } from './generate';
import { ratios, summarize, type Summary } from './lib/stats';

export interface ServiceResult {
  steps: number;
  /** The very first analyze in this process: includes compiling the schema and cold JIT. */
  firstCallMs?: number;
  floor: Summary;
  cold: Summary;
  warm: Summary;
  /** Floor measured on the same edited texts as `warm`, interleaved. */
  floorWarm: Summary;
  coldOverFloor: Summary;
  warmOverFloor: Summary;
  /** Diagnostics of the clean text (must be 0) and of the 1% text. */
  cleanDiagnostics: number;
  violationDiagnostics: number;
  /** Does ajv alone (the floor) find the schema errors of the 1% text? */
  floorSchemaErrors: number;
}

let validator: (((data: unknown) => boolean) & { errors?: unknown[] | null }) | undefined;
function floorValidator() {
  if (!validator) {
    const schema = JSON.parse(readFileSync(resolve(__dirname, '../schemas/runbook.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    validator = ajv.compile(schema);
  }
  return validator;
}

function floorOnce(text: string): { ms: number; errors: number } {
  const v = floorValidator();
  const t0 = performance.now();
  const doc = parseDocument(text);
  const ok = v(doc.toJS());
  const ms = performance.now() - t0;
  return { ms, errors: ok ? 0 : (v.errors?.length ?? 0) };
}

export function lineOffset(text: string, line: number): number {
  let off = 0;
  for (let i = 0; i < line; i++) off = text.indexOf('\n', off) + 1;
  return off;
}

/** The text after edit number `i` (0-based): odd edits put the original character back. */
export function editedText(
  rb: Runbook,
  i: number,
  offset = lineOffset(rb.text, rb.edit.line) + rb.edit.character,
): string {
  const ch = i % 2 === 0 ? rb.edit.replacement : rb.edit.original;
  return rb.text.slice(0, offset) + ch + rb.text.slice(offset + 1);
}

let firstCallDone = false;

export function measureService(
  clean: Runbook,
  withViolations: Runbook,
  reps: { cold: number; warm: number },
): ServiceResult {
  const uri = 'file:///bench/service.runbook.yaml';
  let firstCallMs: number | undefined;
  if (!firstCallDone) {
    const t0 = performance.now();
    createLanguageService().analyze(uri, clean.text);
    firstCallMs = performance.now() - t0;
    firstCallDone = true;
  }
  const cleanDiagnostics = createLanguageService().analyze(uri, clean.text).diagnostics.length;
  const violationDiagnostics = createLanguageService().analyze(uri, withViolations.text).diagnostics.length;
  const floorSchemaErrors = floorOnce(withViolations.text).errors;

  const floor: number[] = [];
  const cold: number[] = [];
  for (let r = 0; r < reps.cold; r++) {
    floor.push(floorOnce(clean.text).ms);
    const service = createLanguageService();
    const t0 = performance.now();
    service.analyze(uri, clean.text);
    cold.push(performance.now() - t0);
  }

  const service = createLanguageService();
  service.analyze(uri, clean.text);
  const offset = lineOffset(clean.text, clean.edit.line) + clean.edit.character;
  const warm: number[] = [];
  const floorWarm: number[] = [];
  for (let i = 0; i < reps.warm; i++) {
    const text = editedText(clean, i, offset);
    floorWarm.push(floorOnce(text).ms);
    const t0 = performance.now();
    service.analyze(uri, text);
    warm.push(performance.now() - t0);
  }
  return {
    steps: clean.steps,
    firstCallMs,
    floor: summarize(floor),
    cold: summarize(cold),
    warm: summarize(warm),
    floorWarm: summarize(floorWarm),
    coldOverFloor: ratios(cold, floor),
    warmOverFloor: ratios(warm, floorWarm),
    cleanDiagnostics,
    violationDiagnostics,
    floorSchemaErrors,
  };
}

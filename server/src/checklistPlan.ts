/** The checklist's plan of a runbook, from the server's parse (protocol.ts `ChecklistPlanRequest`). */
import type { LanguageService } from '../../core/service';
import { planData, planFromParsed } from '../../core/records/plan';
import type { ChecklistPlanResult } from './protocol';

export function checklistPlan(service: LanguageService, uri: string, text: string): ChecklistPlanResult {
  const plan = planData(planFromParsed(service.parsed(uri, text)));
  const errorCount = service.analyze(uri, text).findings.filter((f) => f.severity === 'error').length;
  return { plan, errorCount, text };
}

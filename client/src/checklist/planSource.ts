/**
 * The checklist's plans come from the language server (protocol.ts `ChecklistPlanRequest`), which
 * already holds the parsed runbook: the extension host builds no language service of its own.
 * `get` answers at once from the last answer for the same text (or a stale one while a new one is on
 * its way, then the checklist refreshes); `fresh` waits for the plan of exactly this text, for
 * decisions that write the record.
 */
import { planFromData, type RunbookPlan } from '../../../core/records/plan';
import { ChecklistPlanRequest } from '../../../server/src/protocol';
import { languageClient } from '../clientRegistry';

export interface Planned {
  plan: RunbookPlan;
  errorCount: number;
  text: string;
}

export class PlanSource {
  private readonly cache = new Map<string, Planned>();
  private readonly inFlight = new Map<string, { text: string; answer: Promise<Planned | undefined> }>();

  constructor(private readonly answered: () => void) {}

  get(uri: string, text: string): Planned | undefined {
    const hit = this.cache.get(uri);
    if (hit?.text === text) return hit;
    void this.fresh(uri, text).then((p) => p && this.answered());
    return hit;
  }

  fresh(uri: string, text: string): Promise<Planned | undefined> {
    const hit = this.cache.get(uri);
    if (hit?.text === text) return Promise.resolve(hit);
    const flying = this.inFlight.get(uri);
    if (flying?.text === text) return flying.answer;
    const answer = this.ask(uri, text);
    this.inFlight.set(uri, { text, answer });
    void answer.finally(() => {
      if (this.inFlight.get(uri)?.answer === answer) this.inFlight.delete(uri);
    });
    return answer;
  }

  private async ask(uri: string, text: string): Promise<Planned | undefined> {
    const client = languageClient();
    if (!client) return undefined;
    if (!client.isRunning()) await client.start().catch(() => undefined);
    try {
      const r = await client.sendRequest(ChecklistPlanRequest, { uri, text });
      // The server answers for its own copy of an open document: keep what it planned.
      const planned = { plan: planFromData(r.plan), errorCount: r.errorCount, text: r.text };
      if (r.text === text) this.cache.set(uri, planned);
      return planned;
    } catch {
      return undefined;
    }
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

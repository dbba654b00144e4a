/**
 * What the LSP specification asks of every request, in one wrapper: before `initialize` the error
 * -32002 (ServerNotInitialized), after `shutdown` -32600 (InvalidRequest), malformed parameters
 * -32602 (InvalidParams, with a message about the parameter, not a JavaScript TypeError), and a
 * request the client cancelled -32800 (RequestCancelled). Each handler first yields to the event
 * loop, so a `$/cancelRequest` that arrived with the request, and requests about other documents,
 * are seen before the work starts.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export type Lifecycle = 'starting' | 'running' | 'shut down';

let state: Lifecycle = 'starting';

export function setLifecycle(next: Lifecycle): void {
  state = next;
}

export function lifecycle(): Lifecycle {
  return state;
}

function isPosition(p: unknown): boolean {
  const q = p as { line?: unknown; character?: unknown } | null;
  return (
    !!q &&
    typeof q === 'object' &&
    Number.isInteger(q.line) &&
    Number.isInteger(q.character) &&
    (q.line as number) >= 0 &&
    (q.character as number) >= 0
  );
}

function isRange(r: unknown): boolean {
  const q = r as { start?: unknown; end?: unknown } | null;
  return !!q && typeof q === 'object' && isPosition(q.start) && isPosition(q.end);
}

/** What is wrong with the parameters of a text-document request, or undefined. */
export function invalidParams(params: unknown, needs: { position?: boolean; range?: boolean }): string | undefined {
  const p = params as { textDocument?: { uri?: unknown }; position?: unknown; range?: unknown } | null;
  if (!p || typeof p !== 'object') return 'the parameters must be an object';
  if (!p.textDocument || typeof p.textDocument.uri !== 'string') return 'textDocument.uri must be a string';
  if (needs.position && !isPosition(p.position))
    return 'position must be { line, character } with whole numbers from 0';
  if (needs.range && !isRange(p.range)) return 'range must be { start, end } positions';
  return undefined;
}

export const yieldToLoop = (): Promise<void> =>
  // A web worker has no setImmediate; a zero timeout also lets queued messages (a cancel) in first.
  new Promise((r) => (typeof setImmediate === 'function' ? setImmediate(r) : setTimeout(r, 0)));

/** Wraps a request handler with the lifecycle, parameter and cancellation checks. */
export function guarded<P, R>(
  needs: { position?: boolean; range?: boolean },
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    if (state === 'starting')
      return new ResponseError(ErrorCodes.ServerNotInitialized, 'the server is not initialized yet');
    if (state === 'shut down') return new ResponseError(ErrorCodes.InvalidRequest, 'the server is shut down');
    const wrong = invalidParams(params, needs);
    if (wrong) return new ResponseError(ErrorCodes.InvalidParams, wrong);
    await yieldToLoop();
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return handler(params, token);
  };
}

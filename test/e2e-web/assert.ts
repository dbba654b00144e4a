// The few assertions the web run needs: Node's `assert` does not exist in a web worker.
export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) throw new Error(message);
}

export function strictEqual<T>(actual: T, expected: T, message?: string): void {
  if (actual !== expected)
    throw new Error(
      `${message ? message + ': ' : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
    );
}

export function match(text: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(text)) throw new Error(message ?? `expected the text to match ${pattern}`);
}

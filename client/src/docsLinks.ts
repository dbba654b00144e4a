/** Links to the rule pages shipped in the extension, rewritten to open as a preview (pure: tested without VS Code). */
const RULE_PAGE = /\]\((file:[^)\s]*\/docs\/rules\/([a-z0-9-]+)\.md)\)/g;

export function linksRulePage(markdown: string): boolean {
  return new RegExp(RULE_PAGE.source).test(markdown);
}

/** `[text](file:///…/docs/rules/<id>.md)` → `[text](command:runbook.showRulePage?["<id>"])`. */
export function previewLinks(markdown: string): string {
  return markdown.replace(
    RULE_PAGE,
    (_m, _href: string, id: string) => `](command:runbook.showRulePage?${encodeURIComponent(JSON.stringify([id]))})`,
  );
}

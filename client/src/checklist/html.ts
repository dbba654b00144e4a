/**
 * The checklist page's HTML: a strict Content Security Policy with a per-load nonce, one script and
 * one style sheet from the extension (out/ and media/), no inline handlers, no runbook data (the
 * page builds its DOM from the model with textContent). No editor API: the Chromium test uses it.
 */
/** 18 random bytes in base64: Web Crypto, present in Node and in a web worker alike. */
export function nonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface PageResources {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

export function checklistHtml(r: PageResources): string {
  const csp = `default-src 'none'; script-src 'nonce-${r.nonce}'; style-src ${r.cspSource} 'nonce-${r.nonce}'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${attr(r.nonce)}" href="${attr(r.styleUri)}">
<title>Runbook checklist</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="empty">Loading the checklist…</p></main>
<script nonce="${attr(r.nonce)}" src="${attr(r.scriptUri)}"></script>
</body>
</html>`;
}

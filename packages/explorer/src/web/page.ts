/** The page's paths: one document; its script renders the section the path names. */
export const PAGE_ROUTES = ["/", "/network", "/rollups", "/bridge", "/governance"];

const TABS = [
  ["/", "Overview"],
  ["/network", "Network"],
  ["/rollups", "Rollups"],
  ["/bridge", "Bridge"],
  ["/governance", "Governance"],
] as const;

/** The document every page path serves: the frame (header, tabs, banner); `app.js` fills `<main>`. */
export function renderPage({ title }: { title: string }): string {
  const tabs = TABS.map(([href, label]) => `<a class="tab" href="${href}" data-route="${href}">${label}</a>`).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Obscuro Explorer</title>
<link rel="stylesheet" href="/assets/style.css">
<script type="module" src="/assets/app.js"></script>
</head>
<body>
<header class="top">
  <div class="brand"><span class="logo" aria-hidden="true"></span><span>Obscuro <b>Explorer</b></span>
  <span class="chip">${escapeHtml(title)}</span></div>
  <nav class="tabs">${tabs}</nav>
  <div class="live" id="live" title="The L1 block the page shows">L1 <b id="l1-block">…</b><span class="dot" id="live-dot"></span></div>
</header>
<div class="banner" id="banner" role="alert" hidden></div>
<main id="main" aria-live="polite"><p class="muted loading">Loading…</p></main>
<footer class="foot">Public data only: L1 state read through the Obscuro SDK, and the nodes' public status. L2 transactions stay encrypted.</footer>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

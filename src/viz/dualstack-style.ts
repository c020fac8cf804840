/**
 * The dual-stack view's stylesheet, scoped under .dsv-root and written into the view's own element (as
 * the map does), so two sandboxes on one page never share styles. Colours come from the map's custom
 * properties (colors.ts) and the host page's variables. The panes and the link column have fixed
 * widths, so a Service appearing never moves the other rows sideways; motion is a short fade only,
 * and none at all under prefers-reduced-motion.
 */
export const DUAL_STACK_CSS = `
.dsv-root [hidden] { display: none !important; }
.dsv-root { color: var(--text, var(--scm-text)); font: inherit; display: flex; flex-direction: column; gap: 12px; --dsv-link: 56px; }
.dsv-flag { border: 1px solid var(--border, var(--scm-border)); border-radius: var(--radius, 8px); padding: 8px 12px; display: flex; flex-direction: column; gap: 4px; }
.dsv-flag-head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.dsv-flag-title { font-size: .85em; color: var(--muted, var(--scm-muted)); }
.dsv-flag code { font-family: var(--font-mono, monospace); font-size: .95em; overflow-wrap: anywhere; }
.dsv-flag-state { font-size: .88em; }
.dsv-flag[data-state="inconsistent"], .dsv-flag[data-state="down"] { border-color: var(--warn, var(--scm-warn)); background: var(--warn-soft, var(--scm-warn-soft)); }
.dsv-flag[data-state="inconsistent"] .dsv-flag-state, .dsv-flag[data-state="down"] .dsv-flag-state { color: var(--warn, var(--scm-warn)); font-weight: 600; }
.dsv-event { font-family: var(--font-mono, monospace); font-size: .82em; color: var(--muted, var(--scm-muted)); overflow-wrap: anywhere; }
.dsv-cols { display: grid; grid-template-columns: minmax(0, 1fr) var(--dsv-link) minmax(0, 1fr); align-items: start; }
.dsv-pane { grid-row: 1; display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.dsv-pane[data-family="IPv4"] { grid-column: 1; }
.dsv-pane[data-family="IPv6"] { grid-column: 3; }
.dsv-pane-title { margin: 0; font-size: .95em; font-weight: 600; color: var(--muted, var(--scm-muted)); letter-spacing: .02em; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.dsv-pane-flag { font-family: var(--font-mono, monospace); font-weight: 400; font-size: .9em; }
.dsv-empty { margin: 0; color: var(--muted, var(--scm-muted)); font-size: .88em; line-height: 1.5; }
.dsv-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.dsv-fence { font-size: .84em; padding: 3px 8px; border: 2px dashed var(--scm-nested); border-radius: 6px; overflow-wrap: anywhere; }
.dsv-range { border: 1px solid var(--border, var(--scm-border)); border-radius: var(--radius, 8px); padding: 8px 10px; display: flex; flex-direction: column; gap: 6px;
  animation: dsv-in .35s ease both; }
.dsv-range[data-terminating] { border-style: dashed; }
.dsv-range[data-default] { border-left: 3px solid var(--scm-kubernetes); }
.dsv-range[data-flag="differs"] { border-color: var(--warn, var(--scm-warn)); }
.dsv-range-head { display: flex; flex-wrap: wrap; gap: 2px 8px; align-items: baseline; min-height: 1.5em; }
.dsv-range-name { font-weight: 600; }
.dsv-range-cidr { font-family: var(--font-mono, monospace); font-size: .95em; overflow-wrap: anywhere; }
.dsv-note { font-size: .8em; padding: 0 6px; border-radius: 999px; border: 1px solid var(--border, var(--scm-border)); color: var(--muted, var(--scm-muted)); }
.dsv-note[data-kind="flag-differs"], .dsv-note[data-kind="fence-outside"] { color: var(--warn, var(--scm-warn)); border-color: currentColor; }
.dsv-strip { display: block; width: 100%; height: 22px; overflow: visible; }
.dsv-strip-bg { fill: var(--scm-free); }
.dsv-strip-fence { fill: var(--scm-nested); fill-opacity: .14; stroke: var(--scm-nested); stroke-width: 2; stroke-dasharray: 5 3; }
.dsv-mark { stroke-width: 3; transition: opacity .3s ease; }
.dsv-mark.dsv-hl { stroke-width: 6; }
.dsv-services-title { margin: 4px 0 0; font-size: .95em; font-weight: 600; color: var(--muted, var(--scm-muted)); }
.dsv-svc { display: grid; grid-template-columns: minmax(0, 1fr) var(--dsv-link) minmax(0, 1fr); align-items: center; row-gap: 2px; padding: 4px 0;
  border-bottom: 1px solid var(--border, var(--scm-border)); animation: dsv-in .35s ease both; }
.dsv-svc-label { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 2px 10px; align-items: baseline; font-size: .9em; }
.dsv-svc-name { font-weight: 600; }
.dsv-svc-meta { color: var(--muted, var(--scm-muted)); font-size: .92em; }
.dsv-chip { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 6px; min-width: 0; max-width: 100%; padding: 2px 8px; border-radius: 6px;
  font-family: var(--font-mono, monospace); font-size: .9em; border: 1px solid var(--border, var(--scm-border)); cursor: pointer; overflow-wrap: anywhere; justify-self: start; }
.dsv-chip[data-family="IPv4"] { grid-column: 1; justify-self: end; }
.dsv-chip[data-family="IPv6"] { grid-column: 3; }
.dsv-chip[data-empty] { border-style: dotted; color: var(--muted, var(--scm-muted)); font-family: inherit; cursor: default; }
.dsv-swatch { flex: none; width: 10px; height: 10px; border-radius: 2px; }
.dsv-chip:focus-visible { outline: 2px solid var(--focus, var(--scm-focus)); outline-offset: 1px; }
.dsv-chip.dsv-hl { border-color: var(--scm-highlight); box-shadow: 0 0 0 2px var(--scm-highlight); }
.dsv-link { grid-column: 2; height: 2px; margin: 0 4px; background: var(--muted, var(--scm-muted)); border-radius: 1px; position: relative; }
.dsv-link::before, .dsv-link::after { content: ""; position: absolute; top: -3px; width: 8px; height: 8px; border-radius: 50%; background: inherit; }
.dsv-link::before { left: -4px; } .dsv-link::after { right: -4px; }
.dsv-link.dsv-hl { background: var(--scm-highlight); height: 4px; }
@keyframes dsv-in { from { opacity: 0; } to { opacity: 1; } }
.dsv-reduced-motion *, .dsv-reduced-motion { transition: none !important; animation: none !important; }
@media (prefers-reduced-motion: reduce) { .dsv-root, .dsv-root * { transition: none !important; animation: none !important; } }
`;

/**
 * The map's stylesheet, scoped under .scm-root and written into the map's own element so several
 * maps on one page (an embedded docs widget beside the app) never share or fight over styles.
 * Colours come from the custom properties colors.ts sets on the root; host variables (--text,
 * --panel, --focus, ...) are used when present so the map follows the page's theme.
 *
 * Motion is CSS transitions only: a cell keeps its element for its whole life (keyed by IP), so a
 * state change animates by itself, and prefers-reduced-motion switches every transition off.
 */
export const MAP_CSS = `
.scm-root [hidden] { display: none !important; }
.scm-root { color: var(--text, var(--scm-text)); font: inherit; display: flex; flex-direction: column; gap: 16px; }
.scm-family { display: flex; flex-direction: column; gap: 10px; }
.scm-family-title { margin: 0; font-size: 0.95em; font-weight: 600; color: var(--muted, var(--scm-muted)); letter-spacing: 0.02em; }
.scm-blocks { display: flex; flex-direction: column; gap: 12px; }
.scm-block { box-sizing: border-box; border: 1px solid var(--border, var(--scm-border)); border-radius: var(--radius, 8px); background: var(--panel, transparent);
  padding: 10px 12px; overflow: hidden; transition: opacity .35s ease, transform .35s ease, height .4s ease, padding .4s ease, margin .4s ease; }
.scm-block.scm-entering { opacity: 0; transform: translateY(6px); }
.scm-block.scm-leaving { opacity: 0; pointer-events: none; }
/* A terminating block dims its addresses, not its words: the reason and finalizer must stay readable. */
.scm-block[data-phase="terminating"] { border-style: dashed; background: transparent; }
.scm-block[data-phase="terminating"] .scm-grid, .scm-block[data-phase="terminating"] .scm-strip { opacity: .55; }
.scm-title { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; min-height: 1.5em; }
.scm-names { font-weight: 600; }
.scm-cidr { font-family: var(--font-mono, monospace); font-size: .95em; }
.scm-phase { font-size: .8em; padding: 0 6px; border-radius: 999px; border: 1px solid var(--border, var(--scm-border)); color: var(--muted, var(--scm-muted)); }
.scm-block[data-phase="terminating"] .scm-phase, .scm-nested-chip[data-phase="terminating"] .scm-phase { border-style: dashed; color: var(--warn, var(--scm-warn)); }
.scm-meta { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: .85em; color: var(--muted, var(--scm-muted)); height: 2.9em; line-height: 1.45em; overflow: hidden; align-content: flex-start; }
.scm-band-key { display: inline-flex; align-items: center; gap: 5px; white-space: nowrap; }
.scm-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; }
.scm-swatch-static { background: var(--scm-free-static); box-shadow: inset 0 -3px 0 var(--scm-static); }
.scm-swatch-dynamic { background: var(--scm-free); }
.scm-status { font-size: .85em; color: var(--muted, var(--scm-muted)); height: 2.9em; overflow: hidden; line-height: 1.45em; margin: 2px 0 6px; }
.scm-status-line { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.scm-finalizer { display: inline-block; font-family: var(--font-mono, monospace); font-size: .92em; padding: 0 6px; margin-right: 6px;
  border-radius: 4px; background: var(--warn-soft, var(--scm-warn-soft)); color: var(--warn, var(--scm-warn)); border: 1px solid currentColor; }
.scm-grid { display: block; max-width: 100%; height: auto; overflow: visible; }
.scm-cell { cursor: pointer; outline: none; }
.scm-cell-bg { fill: var(--scm-free); stroke: transparent; stroke-width: 0; transition: fill .3s ease, stroke .2s ease; }
.scm-cell[data-band="static"] .scm-cell-bg { fill: var(--scm-free-static); }
.scm-cell[data-state="reserved"] .scm-cell-bg { fill: var(--scm-reserved); }
.scm-cell-band { fill: var(--scm-static); display: none; }
.scm-cell[data-band="static"] .scm-cell-band { display: inline; }
.scm-cell-x { stroke: var(--scm-reserved-mark); stroke-width: 1.5; display: none; }
.scm-cell[data-state="reserved"] .scm-cell-x { display: inline; }
.scm-cell-mark { opacity: 0; transform: scale(.35); transform-box: fill-box; transform-origin: center;
  transition: opacity .35s ease, transform .35s cubic-bezier(.2,.8,.3,1.2); }
.scm-cell[data-state="allocated"] .scm-cell-mark { opacity: 1; transform: scale(1); }
.scm-cell[data-state="reserved"][data-owner] .scm-cell-mark { opacity: .7; transform: scale(.6); }
.scm-cell[data-hand-made] .scm-cell-mark { stroke: var(--text, var(--scm-text)); stroke-width: 1.2; stroke-dasharray: 3 2; }
.scm-cell-glyph { font: 600 11px var(--font-ui, sans-serif); text-anchor: middle; dominant-baseline: central; pointer-events: none;
  opacity: 0; transition: opacity .35s ease; }
.scm-cell[data-state="allocated"] .scm-cell-glyph { opacity: 1; }
.scm-cell[data-blocking] .scm-cell-bg { stroke: var(--scm-blocking); stroke-width: 2.5; }
.scm-cell.scm-highlighted .scm-cell-bg { stroke: var(--scm-highlight); stroke-width: 3; }
.scm-cell:focus-visible .scm-cell-bg, .scm-cell:focus .scm-cell-bg { stroke: var(--focus, var(--scm-focus)); stroke-width: 3; }
.scm-region rect { fill: var(--scm-nested); fill-opacity: .10; stroke: var(--scm-nested); stroke-width: 1.5; pointer-events: none; }
.scm-region[data-phase="terminating"] rect { stroke-dasharray: 4 3; fill-opacity: .05; }
.scm-nested-list { list-style: none; margin: 8px 0 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.scm-nested-chip { border-left: 3px solid var(--scm-nested); padding: 2px 8px; transition: opacity .35s ease; }
.scm-nested-chip[data-phase="terminating"] { border-left-style: dashed; }
.scm-nested-chip .scm-status { height: auto; max-height: 2.9em; margin: 0; }
.scm-strip { position: relative; height: 56px; border-radius: 4px; overflow: hidden; background: var(--scm-free); cursor: grab;
  touch-action: none; outline: none; }
.scm-strip.scm-strip-zoomed { background: transparent; cursor: default; }
.scm-strip:focus-visible { box-shadow: 0 0 0 2px var(--focus, var(--scm-focus)); }
.scm-strip canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
.scm-strip .scm-grid { position: absolute; inset: 0; width: 100%; height: 100%; max-width: none; }
.scm-axis { display: flex; justify-content: space-between; gap: 8px; font-size: .8em; color: var(--muted, var(--scm-muted)); margin-top: 4px;
  font-family: var(--font-mono, monospace); min-height: 1.9em; align-items: center; }
.scm-axis button { font-size: .95em; padding: 0 8px; }
.scm-axis-mid { display: flex; gap: 6px; align-items: center; font-family: var(--font-ui, sans-serif); }
.scm-outside .scm-title { color: var(--warn, var(--scm-warn)); }
.scm-reduced-motion *, .scm-reduced-motion { transition: none !important; animation: none !important; }
@media (prefers-reduced-motion: reduce) { .scm-root, .scm-root * { transition: none !important; animation: none !important; } }
`;

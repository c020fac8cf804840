/**
 * Geometry of a small block's cell grid, kept pure so it can be tested without a DOM. The grid
 * depends only on the block's size, never on which cells are allocated, so a cell changing state
 * can never move anything (the "nothing may jump" rule).
 */

/** Cell side and gap, in SVG user units. */
export const CELL = 18;
export const GAP = 2;
export const PITCH = CELL + GAP;

export interface GridGeometry {
  columns: number;
  rows: number;
  width: number;
  height: number;
}

/**
 * 16 columns up to a /24, so octet boundaries line up and a nested /28 is exactly one row; 32 for
 * the /23 and /22, so they stay as wide as they are tall-ish instead of 64 rows deep.
 */
export function gridColumns(size: number): number {
  if (size <= 16) return Math.max(1, size);
  return size <= 256 ? 16 : 32;
}

export function gridGeometry(size: number): GridGeometry {
  const columns = gridColumns(size);
  const rows = Math.ceil(size / columns);
  return { columns, rows, width: columns * PITCH - GAP, height: rows * PITCH - GAP };
}

export function cellPosition(offset: number, columns: number): { x: number; y: number } {
  return { x: (offset % columns) * PITCH, y: Math.floor(offset / columns) * PITCH };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The rectangles covering `count` cells from `start`, padded by half a gap so they frame the cells:
 * at most a partial first row, a block of full rows and a partial last row.
 */
export function rangeRects(start: number, count: number, columns: number): Rect[] {
  if (count <= 0) return [];
  const pad = GAP / 2;
  const rect = (col: number, row: number, cols: number, rows: number): Rect => ({
    x: col * PITCH - pad,
    y: row * PITCH - pad,
    width: cols * PITCH,
    height: rows * PITCH,
  });
  const out: Rect[] = [];
  let offset = start;
  let left = count;
  const firstCol = offset % columns;
  if (firstCol !== 0) {
    const n = Math.min(columns - firstCol, left);
    out.push(rect(firstCol, Math.floor(offset / columns), n, 1));
    offset += n;
    left -= n;
  }
  const fullRows = Math.floor(left / columns);
  if (fullRows > 0) {
    out.push(rect(0, Math.floor(offset / columns), columns, fullRows));
    offset += fullRows * columns;
    left -= fullRows * columns;
  }
  if (left > 0) out.push(rect(0, Math.floor(offset / columns), left, 1));
  return out;
}

/** Where a key press moves the focus in a grid of `count` cells; null when the key is not ours. */
export function nextCellIndex(index: number, key: string, count: number, columns: number): number | null {
  const clamp = (i: number): number => Math.min(count - 1, Math.max(0, i));
  switch (key) {
    case "ArrowLeft":
      return clamp(index - 1);
    case "ArrowRight":
      return clamp(index + 1);
    case "ArrowUp":
      return index - columns >= 0 ? index - columns : index;
    case "ArrowDown":
      return index + columns < count ? index + columns : index;
    case "Home":
      return index - (index % columns);
    case "End":
      return clamp(index - (index % columns) + columns - 1);
    case "PageUp":
      return 0;
    case "PageDown":
      return count - 1;
    default:
      return null;
  }
}

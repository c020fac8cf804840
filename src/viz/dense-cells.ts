/**
 * The cells of a zoomed-in window of a dense block. A dense block has no per-address cells in the
 * model (a /64 cannot have them), so when the learner zooms in far enough the strip makes the few
 * visible ones here, from the block's bands and its sorted allocation list.
 */
import { IP } from "../net/index.ts";
import { lowerBound, visibleOffsets, type DenseView } from "./dense-view.ts";
import type { BandName, BlockModel, Cell } from "./servicecidr-model-types.ts";

function bandAt(b: BlockModel, offset: bigint): BandName {
  if (b.static && offset >= b.static.firstOffset && offset <= b.static.lastOffset) return "static";
  if (b.dynamic && offset >= b.dynamic.firstOffset && offset <= b.dynamic.lastOffset) return "dynamic";
  return "none";
}

/** Cells for every visible address, or [] while the window is too wide to draw them. */
export function windowCells(b: BlockModel, view: DenseView): Cell[] {
  const offsets = visibleOffsets(view);
  if (offsets.length === 0) return [];
  let k = lowerBound(b.allocations, offsets[0]!);
  return offsets.map((offset) => {
    const reserved = b.reserved.some((r) => r.offset === offset);
    const a = b.allocations[k]?.offset === offset ? b.allocations[k++] : undefined;
    const cell: Cell = {
      ip: a?.ip ?? IP.fromBigInt(b.network + offset, b.family).toString(),
      offset: Number(offset - view.start),
      state: reserved ? "reserved" : a ? "allocated" : "free",
      band: bandAt(b, offset),
    };
    if (a) Object.assign(cell, { owner: a.owner, role: a.role, handMade: a.handMade, blocking: a.blocking });
    return cell;
  });
}

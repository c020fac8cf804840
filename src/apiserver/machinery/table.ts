/**
 * TableDef is a resource's server-side table (pkg/printers/internalversion/printers.go): kubectl asks the
 * apiserver for rows and only lays them out, so the column logic lives here beside each resource.
 */
export interface TableColumn {
  /** As upstream names it ("Cluster-IP"); kubectl upper-cases it for the header. */
  name: string;
  /** 0 = always shown; 1 = only with -o wide. */
  priority: 0 | 1;
}

export interface TableDef<T> {
  columns: readonly TableColumn[];
  row(obj: T, nowMs: number, wide: boolean): string[];
}

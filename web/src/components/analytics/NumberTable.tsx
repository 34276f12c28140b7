// The table behind an analytics figure: what a screen reader or a reader who wants the exact
// numbers gets instead of the chart. The first column names the row, so a cell is read out with
// its row and its column.
import type { ReactNode } from "react";

export interface NumberColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** The chart's colour for this series, shown beside the header so the two can be matched. */
  swatch?: string;
  /** Where two headers can read the same (queues of one name): tells the columns apart. */
  key?: string;
  /** Classes of the column's cells, such as a day that must not wrap. */
  className?: string;
}

export function NumberTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  marked,
  className,
}: {
  caption: string;
  columns: readonly [NumberColumn<Row>, ...NumberColumn<Row>[]];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** The row the figure points out (the slowest step), set in bold. */
  marked?: (row: Row) => boolean;
  /** Classes beside the table's own, for a table laid out its own way. */
  className?: string;
}) {
  const [head, ...rest] = columns;
  return (
    <table className={["case-table report-numbers", className].filter(Boolean).join(" ")}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c.key ?? c.header}>
              {c.swatch && (
                <span className="swatch" style={{ background: c.swatch }} aria-hidden="true" />
              )}
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)} className={marked?.(r) ? "analytics-slowest" : undefined}>
            <th scope="row" className={head.className}>
              {head.cell(r)}
            </th>
            {rest.map((c) => (
              <td key={c.key ?? c.header} className={c.className}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

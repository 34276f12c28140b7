import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { type NumberColumn, NumberTable } from "./NumberTable.tsx";

interface Step {
  name: string;
  transfers: number;
  slowest: boolean;
}

const steps: Step[] = [
  { name: "Approval", transfers: 4, slowest: false },
  { name: "Acceptance", transfers: 3, slowest: true },
];
const columns: [NumberColumn<Step>, ...NumberColumn<Step>[]] = [
  { header: "Step", cell: (s) => s.name },
  { header: "Transfers", cell: (s) => s.transfers },
];

describe("NumberTable", () => {
  it("captions the table, heads each column and names each row by its first cell", () => {
    const html = renderToStaticMarkup(
      <NumberTable caption="All kinds" columns={columns} rows={steps} rowKey={(s) => s.name} />,
    );
    expect(html).toBe(
      '<table class="case-table report-numbers"><caption>All kinds</caption>' +
        '<thead><tr><th scope="col">Step</th><th scope="col">Transfers</th></tr></thead>' +
        '<tbody><tr><th scope="row">Approval</th><td>4</td></tr>' +
        '<tr><th scope="row">Acceptance</th><td>3</td></tr></tbody></table>',
    );
  });

  it("sets the marked row apart, shows a series' colour beside its header and keeps the cells' classes", () => {
    const html = renderToStaticMarkup(
      <NumberTable
        caption="Steps"
        className="analytics-lowest"
        columns={[
          { header: "Day", className: "nowrap", cell: (s) => s.name },
          { header: "Queue", key: "q1", swatch: "#0072B2", cell: (s) => s.transfers },
        ]}
        rows={steps}
        rowKey={(s) => s.name}
        marked={(s) => s.slowest}
      />,
    );
    expect(html).toContain('<table class="case-table report-numbers analytics-lowest">');
    expect(html).toContain(
      '<th scope="col"><span class="swatch" style="background:#0072B2" aria-hidden="true"></span>Queue</th>',
    );
    expect(html).toContain('<tr><th scope="row" class="nowrap">Approval</th>');
    expect(html).toContain(
      '<tr class="analytics-slowest"><th scope="row" class="nowrap">Acceptance</th>',
    );
  });
});

import type {
  MovedProject,
  OpenRoadblock,
  ReportRange,
  Resolution,
  Volume,
} from "../domain/reports/project-volume.ts";
import { toCsv } from "./csv.ts";

export interface ProjectVolumeReport {
  workspace: string;
  range: ReportRange;
  filters: {
    project: { code: string; name: string } | null;
    product: string | null;
    queue: string | null;
  };
  volume: Volume;
  resolution: Resolution;
  openMore: boolean;
  movedProjects: MovedProject[];
  choices: {
    projects: { code: string; name: string }[];
    products: { code: string; name: string }[];
    queues: { code: string; name: string }[];
  };
  generatedAt: Date;
}

const presentOpen = (o: OpenRoadblock) => ({
  taskNumber: o.taskNumber,
  taskTitle: o.taskTitle,
  caseNumber: o.caseNumber,
  project: o.project,
  product: o.product,
  productName: o.productName,
  queue: o.queue,
  blockedAt: o.blockedAt.toISOString(),
  ageDays: o.ageDays,
});

/** The JSON answer: instants as ISO text, weeks without their instants (startsOn names them). */
export function presentProjectVolume(r: ProjectVolumeReport) {
  return {
    workspace: r.workspace,
    zone: r.range.zone,
    from: r.range.from,
    to: r.range.to,
    filters: r.filters,
    volume: r.volume,
    resolution: {
      overall: r.resolution.overall,
      byProduct: r.resolution.byProduct,
      open: r.resolution.open.map(presentOpen),
      openMore: r.openMore,
    },
    movedProjects: r.movedProjects,
    choices: r.choices,
    generatedAt: r.generatedAt.toISOString(),
  };
}

export const CSV_TABLES = ["weekly", "resolution", "open", "moved"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/**
 * One table per file, as a spreadsheet wants it: the weekly counts wide (a column per product and
 * per queue, ready to chart), the others one row per product, roadblock or moved task.
 */
export function projectVolumeCsv(r: ProjectVolumeReport, table: CsvTable): string {
  switch (table) {
    case "weekly":
      return toCsv(
        [
          "Week",
          "Week starts",
          "Cases",
          ...r.volume.byProduct.map((p) => `Product: ${p.name}`),
          ...r.volume.byQueue.map((q) => `Queue: ${q.name}`),
        ],
        r.volume.weeks.map((w) => [
          w.week,
          w.startsOn,
          w.cases,
          ...w.byProduct.map((p) => p.cases),
          ...w.byQueue.map((q) => q.cases),
        ]),
      );
    case "resolution":
      return toCsv(
        ["Product", "Resolved", "Median hours", "90th percentile hours"],
        [r.resolution.overall, ...r.resolution.byProduct].map((p) => [
          p.name,
          p.resolved,
          p.medianHours,
          p.p90Hours,
        ]),
      );
    case "open":
      return toCsv(
        [
          "Task",
          "Task title",
          "Case",
          "Project",
          "Product",
          "Queue",
          "Blocked at (UTC)",
          "Age (days)",
        ],
        r.resolution.open.map((o) => [
          `T-${o.taskNumber}`,
          o.taskTitle,
          o.caseNumber,
          o.project,
          o.productName,
          o.queue,
          o.blockedAt.toISOString(),
          o.ageDays,
        ]),
      );
    case "moved":
      return toCsv(
        [
          "Project",
          "Project name",
          "Planned end",
          "Projected end",
          "Days moved",
          "Task",
          "Task title",
          "Case",
          "Due",
          "Expected finish",
          "Days past due",
          "Days past project end",
        ],
        r.movedProjects.flatMap((p) =>
          p.tasks.map((t) => [
            p.code,
            p.name,
            p.endsOn,
            p.projectedEndOn,
            p.daysMoved,
            `T-${t.number}`,
            t.title,
            t.caseNumber,
            t.dueOn,
            t.finishOn,
            t.daysPastDue,
            t.daysPastProjectEnd,
          ]),
        ),
      );
  }
}

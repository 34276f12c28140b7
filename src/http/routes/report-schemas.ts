import { z } from "zod";

// What the report routes answer; the web app's types are these.

const tally = z.object({
  code: z.string().nullable().describe("The product's or queue's code; null for no product"),
  name: z.string(),
  cases: z.number().int(),
});

const resolutionRow = z.object({
  code: z.string().nullable().describe("The product's code; null for no product or for all"),
  name: z.string(),
  resolved: z.number().int().describe("Roadblocks whose case resolved in the range"),
  medianHours: z.number().nullable().describe("Median hours from roadblock to resolution"),
  p90Hours: z.number().nullable().describe("90th percentile of those hours"),
});

const named = z.object({ code: z.string(), name: z.string() });

export const projectVolumeAnswer = z.object({
  workspace: z.string(),
  zone: z.string().describe("The time zone weeks and days are read in: the first region's"),
  from: z.string().describe("First day counted, YYYY-MM-DD"),
  to: z.string().describe("Last day counted, YYYY-MM-DD"),
  filters: z.object({
    project: named.nullable(),
    product: z.string().nullable(),
    queue: z.string().nullable(),
  }),
  volume: z
    .object({
      cases: z.number().int().describe("Cases opened from project tasks in the range"),
      byProduct: z.array(tally).describe("Busiest first"),
      byQueue: z.array(tally).describe("By the queue each case was opened into; busiest first"),
      weeks: z.array(
        z.object({
          week: z.string().describe("ISO week, e.g. 2026-W14"),
          startsOn: z.string().describe("Its Monday, YYYY-MM-DD"),
          cases: z.number().int(),
          byProduct: z.array(tally).describe("Every product of byProduct, in its order"),
          byQueue: z.array(tally).describe("Every queue of byQueue, in its order"),
        }),
      ),
    })
    .describe("Cases opened from project work, by ISO week, product and queue"),
  resolution: z
    .object({
      overall: resolutionRow,
      byProduct: z.array(resolutionRow),
      open: z
        .array(
          z.object({
            taskNumber: z.number().int(),
            taskTitle: z.string(),
            caseNumber: z.number().int(),
            project: z.string().describe("The project's code"),
            product: z.string().nullable(),
            productName: z.string(),
            queue: z.string(),
            blockedAt: z.string(),
            ageDays: z.number().int().describe("Whole days since the roadblock"),
          }),
        )
        .describe("Roadblocks whose case is not resolved yet, oldest first"),
      openMore: z.boolean().describe("More roadblocks are open than the list holds"),
    })
    .describe("Time from a task's roadblock to its case's resolution, in calendar hours"),
  movedProjects: z
    .array(
      z.object({
        code: z.string(),
        name: z.string(),
        endsOn: z.string().nullable().describe("The project's planned end"),
        projectedEndOn: z
          .string()
          .nullable()
          .describe("The latest expected finish of a blocked task, when after the planned end"),
        daysMoved: z.number().int().describe("Days the project's end moves (0: it does not)"),
        maxDaysPastDue: z.number().int().describe("The largest slip of one task past its due date"),
        tasks: z.array(
          z.object({
            number: z.number().int(),
            title: z.string(),
            caseNumber: z.number().int(),
            dueOn: z.string().nullable(),
            finishOn: z.string(),
            daysPastDue: z.number().int(),
            daysPastProjectEnd: z.number().int(),
          }),
        ),
      }),
    )
    .describe("Projects with a task blocked in the range that now finishes late; most moved first"),
  choices: z
    .object({
      projects: z.array(named),
      products: z.array(named),
      queues: z.array(named),
    })
    .describe("What the filters may name"),
  generatedAt: z.string(),
});

export type ProjectVolumeAnswer = z.infer<typeof projectVolumeAnswer>;

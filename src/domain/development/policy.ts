import { z } from "zod";
import { code, requiredLine, safeText } from "../text.ts";

// Development's stages while it works on a case (S2.5, shared ownership): the case shows the
// stage, its support owner hears of each change, and the customer is told where the stage says.

export const developmentStage = z
  .strictObject({
    code,
    name: requiredLine(120),
    tellCustomer: z
      .boolean()
      .default(false)
      .describe("The customer is told when the case reaches this stage"),
    customerSentence: safeText(1_000)
      .default("")
      .describe("What the customer is told of this stage, in the workspace's words"),
  })
  // A stage that tells the customer must say something: the email would carry only its name.
  .refine((s) => !s.tellCustomer || s.customerSentence.trim() !== "", {
    message: "say what the customer is told at this stage, or set tellCustomer to false",
    path: ["customerSentence"],
  });

export const DEFAULT_STAGES: z.output<typeof developmentStage>[] = [
  {
    code: "received",
    name: "Received by development",
    tellCustomer: true,
    customerSentence: "Our development team has received your issue and will look into it.",
  },
  { code: "investigating", name: "Investigating", tellCustomer: false, customerSentence: "" },
  {
    code: "fix_in_progress",
    name: "Fix in progress",
    tellCustomer: true,
    customerSentence: "Our developers found the cause and are working on a fix.",
  },
  {
    code: "fix_ready",
    name: "Fix ready",
    tellCustomer: true,
    customerSentence: "A fix is ready and is being prepared for release.",
  },
  {
    code: "released",
    name: "Released",
    tellCustomer: true,
    customerSentence: "The fix has been released.",
  },
  {
    code: "wont_fix",
    name: "Will not be fixed",
    tellCustomer: true,
    customerSentence:
      "Our developers decided not to change the product for this; your support engineer will explain why and what to do instead.",
  },
];

export const developmentSchema = z
  .strictObject({
    stages: z
      .array(developmentStage)
      .min(1)
      .max(30)
      .default(DEFAULT_STAGES)
      .describe("Development's stages; a case entering development starts at the first")
      .superRefine((list, ctx) => {
        list.forEach((s, i) => {
          if (list.findIndex((o) => o.code === s.code) !== i)
            ctx.addIssue({
              code: "custom",
              message: `stage code "${s.code}" is listed twice; codes must be unique`,
              path: [i, "code"],
            });
        });
      }),
  })
  .default({ stages: DEFAULT_STAGES });

export type DevelopmentPolicy = z.output<typeof developmentSchema>;
export type DevelopmentStage = DevelopmentPolicy["stages"][number];

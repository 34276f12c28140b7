import { z } from "zod";
import { addNoteInput, logCallInput } from "../commands/cases/addActivity.ts";
import { createCaseInput } from "../commands/cases/createCase.ts";
import { updateCaseInput } from "../commands/cases/updateCase.ts";
import { requestTransferInput } from "../domain/transfer/inputs.ts";
import { agent } from "./routes/agent-schemas.ts";
import { attachmentItem } from "./routes/attachment-schemas.ts";
import { callItem } from "./routes/call-schemas.ts";
import {
  auditItem,
  caseDetail,
  caseListItem,
  changeItem,
  searchMatch,
  timelineItem,
} from "./routes/case-schemas.ts";
import { childCaseRequest } from "./routes/child-case-schemas.ts";
import { customer } from "./routes/customer-schemas.ts";
import { deliveryDetail } from "./routes/delivery-schemas.ts";
import { inboundDetail } from "./routes/inbound-schemas.ts";
import { leavePlan } from "./routes/leave-schemas.ts";
import { offQueueRequest } from "./routes/off-queue-schemas.ts";
import { personView } from "./routes/people-schemas.ts";
import { project, projectDetail, task, taskDetail } from "./routes/project-schemas.ts";
import { sessionUser } from "./routes/session-schemas.ts";
import { sheetEntry } from "./routes/sheet-schemas.ts";
import { trainingRequest } from "./routes/training-schemas.ts";
import { transferPreview, transferView } from "./routes/transfer-schemas.ts";
import { savedView } from "./routes/view-schemas.ts";
import { webhook } from "./routes/webhook-schemas.ts";

/**
 * The objects a client meets in many answers, by the name a generated client gives its type
 * (components.schemas in the OpenAPI document). A schema used as a request body is listed
 * with "Input" appended (NoteInput).
 */
const NAMES: [z.ZodType, string][] = [
  // A list's case: the summary, with where it matched when the list is a search.
  [caseListItem, "CaseSummary"],
  [searchMatch, "SearchMatch"],
  [caseDetail, "Case"],
  [timelineItem, "TimelineItem"],
  [auditItem, "AuditEntry"],
  [changeItem, "FieldChange"],
  [createCaseInput, "NewCase"],
  [updateCaseInput, "CaseChange"],
  [addNoteInput, "Note"],
  [logCallInput, "CallLog"],
  [transferView, "Transfer"],
  [transferPreview, "TransferPreview"],
  [requestTransferInput, "TransferRequest"],
  [agent, "Agent"],
  [attachmentItem, "Attachment"],
  [callItem, "ScheduledCall"],
  [childCaseRequest, "ChildCaseRequest"],
  [customer, "Customer"],
  [deliveryDetail, "Delivery"],
  [inboundDetail, "InboundMessage"],
  [leavePlan, "LeavePlan"],
  [offQueueRequest, "OffQueueRequest"],
  [personView, "Person"],
  [project, "Project"],
  [projectDetail, "ProjectDetail"],
  [task, "Task"],
  [taskDetail, "TaskDetail"],
  [sessionUser, "SessionUser"],
  [sheetEntry, "SheetEntry"],
  [trainingRequest, "TrainingRequest"],
  [webhook, "Webhook"],
  [savedView, "SavedView"],
];

// Once per process: the registry refuses an id given twice. A description stays.
for (const [schema, id] of NAMES) {
  const meta = z.globalRegistry.get(schema);
  if (meta?.id === undefined) z.globalRegistry.add(schema, { ...meta, id });
}

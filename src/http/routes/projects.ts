import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { addTaskNote, addTaskNoteInput } from "../../commands/projects/addTaskNote.ts";
import { createProject, createProjectInput } from "../../commands/projects/createProject.ts";
import { createTask, createTaskInput } from "../../commands/projects/createTask.ts";
import { getProject } from "../../commands/projects/getProject.ts";
import { getTask } from "../../commands/projects/getTask.ts";
import { listProjects } from "../../commands/projects/listProjects.ts";
import {
  openCaseFromTask,
  openCaseFromTaskInput,
} from "../../commands/projects/openCaseFromTask.ts";
import {
  scheduleFollowUp,
  scheduleFollowUpInput,
} from "../../commands/projects/scheduleFollowUp.ts";
import { updateProject, updateProjectInput } from "../../commands/projects/updateProject.ts";
import { updateTask, updateTaskInput } from "../../commands/projects/updateTask.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import {
  caseFromTask,
  project,
  projectDetail,
  projectList,
  task,
  taskDetail,
  taskNote,
} from "./project-schemas.ts";

const tags = ["projects"];
const ws = z.strictObject({ workspace: slug });
const projectParams = z.strictObject({
  workspace: slug,
  code: z.string().min(1).max(40).describe("The project's code"),
});
const taskParams = z.strictObject({
  number: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, "must be a task number (the digits of T-123)")
    .transform(Number)
    .describe("The task number"),
});

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/workspaces/:workspace/projects",
    {
      schema: {
        operationId: "listProjects",
        tags,
        summary: "The workspace's customer projects, and the open tasks assigned to me",
        params: ws,
        response: { 200: projectList },
      },
    },
    async (request) => listProjects(db(), requireActor(request), request.params.workspace),
  );

  app.post(
    "/workspaces/:workspace/projects",
    {
      schema: {
        operationId: "createProject",
        tags,
        summary: "Create a customer project with its project manager",
        params: ws,
        body: createProjectInput,
        response: { 201: project },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createProject(db(), requireActor(request), request.params.workspace, request.body),
        ),
  );

  app.get(
    "/workspaces/:workspace/projects/:code",
    {
      schema: {
        operationId: "getProject",
        tags,
        summary: "One project with its tasks",
        params: projectParams,
        response: { 200: projectDetail },
      },
    },
    async (request) =>
      getProject(db(), requireActor(request), request.params.workspace, request.params.code),
  );

  app.patch(
    "/workspaces/:workspace/projects/:code",
    {
      schema: {
        operationId: "updateProject",
        tags,
        summary: "Change a project: name, manager, dates, status",
        params: projectParams,
        body: updateProjectInput,
        response: { 200: project },
      },
    },
    async (request) =>
      updateProject(
        db(),
        requireActor(request),
        request.params.workspace,
        request.params.code,
        request.body,
      ),
  );

  app.post(
    "/workspaces/:workspace/projects/:code/tasks",
    {
      schema: {
        operationId: "createTask",
        tags,
        summary: "Add a task to a project",
        params: projectParams,
        body: createTaskInput,
        response: { 201: task },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createTask(
            db(),
            requireActor(request),
            request.params.workspace,
            request.params.code,
            request.body,
          ),
        ),
  );

  app.get(
    "/tasks/:number",
    {
      schema: {
        operationId: "getTask",
        tags,
        summary: "A task with its activity: quick calls, notes, what Baton did",
        params: taskParams,
        response: { 200: taskDetail },
      },
    },
    async (request) => getTask(db(), requireActor(request), request.params.number),
  );

  app.patch(
    "/tasks/:number",
    {
      schema: {
        operationId: "updateTask",
        tags,
        summary: "Change a task (its assignee: status and time; a project manager: anything)",
        params: taskParams,
        body: updateTaskInput,
        response: { 200: task },
      },
    },
    async (request) => updateTask(db(), requireActor(request), request.params.number, request.body),
  );

  app.post(
    "/tasks/:number/notes",
    {
      schema: {
        operationId: "addTaskNote",
        tags,
        summary: "Write a note or log a quick call on a task",
        params: taskParams,
        body: addTaskNoteInput,
        response: { 201: taskNote },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addTaskNote(db(), requireActor(request), request.params.number, request.body)),
  );

  app.post(
    "/tasks/:number/case",
    {
      schema: {
        operationId: "openCaseFromTask",
        tags,
        summary:
          "Open a case from the task's roadblock: the task links it, records the time and what is left, tells the project manager and closes",
        params: taskParams,
        body: openCaseFromTaskInput,
        response: { 201: caseFromTask },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await openCaseFromTask(db(), requireActor(request), request.params.number, request.body),
        ),
  );

  app.post(
    "/tasks/:number/schedule",
    {
      schema: {
        operationId: "scheduleTask",
        tags,
        summary: "Schedule a draft follow-up task (a project manager)",
        params: taskParams,
        body: scheduleFollowUpInput,
        response: { 200: task },
      },
    },
    async (request) =>
      scheduleFollowUp(db(), requireActor(request), request.params.number, request.body),
  );
};

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { endpoints } from "../api/endpoints.ts";
import { ApiError } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type {
  Agent,
  CaseDetail,
  PolicyView,
  RequestTransferBody,
  TransferKindOption,
  TransferOptions,
  TransferView,
} from "../api/types.ts";
import {
  type FormContext,
  type FormField,
  formForKind,
  formGaps,
  guardMessagesByField,
  initialKind,
  missingByField,
  placeErrors,
  type TransferForm,
  toRequestBody,
} from "../lib/transferForm.ts";
import { canSubmit, checklist, guardsToShow } from "../lib/transfers.ts";
import { useDebounced } from "./transfers.ts";

const PREVIEW_DEBOUNCE_MS = 350;

export interface TransferFormInput {
  caseData: CaseDetail;
  options: TransferOptions;
  policy: PolicyView | undefined;
  agents: Agent[] | undefined;
  role: string | undefined;
  /** What was typed before the panel was last closed, kept until the transfer is made. */
  draft: TransferForm | null;
  onDraft: (form: TransferForm | null) => void;
  onDone: (transfer: TransferView) => void;
}

/** A message beside a field: a refusal (error) or a guard's warning. */
export interface FieldNote {
  text: string;
  tone: "error" | "warn";
}

/**
 * The transfer form's state and what follows from it: the live preview of the request as it
 * stands, the checklist, the messages beside each field, and the submission.
 */
export function useTransferForm({
  caseData: c,
  options,
  policy,
  agents,
  role,
  draft,
  onDraft,
  onDone,
}: TransferFormInput) {
  const id = useId();
  const n = c.number;
  const queryClient = useQueryClient();
  const [form, setFormState] = useState<TransferForm>(
    () => draft ?? formForKind(options.kinds.find((k) => k.code === initialKind(options))),
  );
  // The case version the person read when they opened the panel: a change meanwhile is a 409.
  const [version, setVersion] = useState(options.version);
  const setForm = (next: TransferForm) => {
    setFormState(next);
    onDraft(next);
  };
  const patch = (p: Partial<TransferForm>) => setForm({ ...form, ...p });
  const kind = options.kinds.find((k) => k.code === form.kind);
  const ctx: FormContext = useMemo(
    () => ({
      queueRegion: (q) => policy?.queues.find((x) => x.code === q)?.region ?? null,
      queueAutoAssigns: (q) => {
        const d = policy?.queues.find((x) => x.code === q)?.distribution;
        return d !== undefined && d !== "manual";
      },
    }),
    [policy],
  );
  const ownerRegion =
    (c.owner && agents?.find((a) => a.id === c.owner?.id)?.region) || c.region || null;

  const gaps = formGaps(form, kind, ctx);
  const body = toRequestBody(form, kind, version, ctx);
  const bodyKey = body ? JSON.stringify(body) : null;
  const settledKey = useDebounced(bodyKey, PREVIEW_DEBOUNCE_MS);
  const preview = useQuery({
    queryKey: queryKeys.transferPreview(n, settledKey ?? ""),
    queryFn: ({ signal }) =>
      endpoints.previewTransfer(n, JSON.parse(settledKey ?? "{}") as RequestTransferBody, signal),
    enabled: settledKey !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 15_000,
  });
  const fresh = bodyKey !== null && settledKey === bodyKey && !preview.isPlaceholderData;
  const shownPreview = bodyKey !== null && !preview.isError ? preview.data : undefined;
  const previewRefusal = bodyKey !== null && preview.isError ? placeErrors(preview.error) : null;
  const updating = bodyKey !== null && (settledKey !== bodyKey || preview.isFetching);

  const submit = useMutation({
    mutationFn: (b: RequestTransferBody) => endpoints.requestTransfer(n, b),
    onSuccess: (t) => {
      onDraft(null);
      onDone(t);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: queryKeys.case(n) });
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.case(n) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseLists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.transfers });
    },
  });
  const submitted = placeErrors(submit.error);
  const refreshedVersion = options.version !== version;

  // Messages beside fields: a refused submit first, then the live preview's refusal, its
  // guard findings and the template fields it finds empty.
  const liveGuards = guardMessagesByField(shownPreview?.guards ?? []);
  const missing = missingByField(shownPreview);
  const noteFor = (field: FormField): FieldNote | null => {
    const error = submitted.fields[field] ?? previewRefusal?.fields[field];
    if (error) return { text: error, tone: "error" };
    const guard = liveGuards[field];
    if (guard) return { text: guard.message, tone: guard.outcome === "block" ? "error" : "warn" };
    return null;
  };
  // An emptied required field says so once touched; untouched ones are listed in the checklist.
  const touchedMissing = (key: string) =>
    form.fields[key] !== undefined ? missing[`fields.${key}`] : undefined;

  const receiver =
    form.targetType === "agent" ? (agents?.find((a) => a.id === form.agentId)?.name ?? null) : null;
  const items = checklist({
    kind,
    gaps,
    preview: shownPreview,
    previewError: previewRefusal
      ? (previewRefusal.general ?? Object.values(previewRefusal.fields)[0] ?? null)
      : null,
    confirmNextShift: form.confirmNextShift,
    myRole: role,
    receiverName: receiver,
    roles: policy?.roles,
  });
  const submittable = canSubmit({
    hasBody: body !== null,
    previewFresh: fresh || (preview.isError && settledKey === bodyKey),
    preview: shownPreview,
    previewRefused: previewRefusal !== null,
    submitting: submit.isPending,
  });

  return {
    id,
    form,
    setForm,
    patch,
    kind,
    ctx,
    ownerRegion,
    gaps,
    body,
    preview: shownPreview,
    previewRefusal,
    updating,
    guards: guardsToShow(shownPreview, kind, form.targetType),
    items,
    noteFor,
    touchedMissing,
    submitted,
    submitting: submit.isPending,
    submittable,
    refreshedVersion,
    latestVersion: options.version,
    chooseKind: (k: TransferKindOption) => {
      submit.reset();
      setForm({ ...formForKind(k), comment: form.comment });
    },
    takeLatestVersion: (thenReset: boolean) => {
      setVersion(options.version);
      if (thenReset) submit.reset();
    },
    submitForm: () => {
      if (body && submittable) submit.mutate(body);
    },
  };
}

export type TransferFormState = ReturnType<typeof useTransferForm>;

// A report's filter form: days from and to, then one select per dimension, applied to the
// address as search parameters (so a view can be shared and reloaded); empty fields are left
// out. Used by the project volume report and the handoff analytics.
import { type FormEvent, useId } from "react";

export interface FilterSelect {
  name: string;
  label: string;
  /** The option that filters nothing. */
  all: string;
  options: readonly { code: string; name: string }[];
}

export interface FilterWords {
  from: string;
  to: string;
  show: string;
  reset: string;
  /** The form's accessible name, if the page has more than one form. */
  form?: string;
}

export function ReportFilterForm({
  params,
  range,
  selects,
  words,
  apply,
  formKey,
}: {
  params: URLSearchParams;
  /** The range the report answered for, shown while the address names none. */
  range: { from: string; to: string } | undefined;
  selects: readonly FilterSelect[];
  words: FilterWords;
  apply: (next: URLSearchParams) => void;
  /** Remounts the fields when it changes, so they show what is applied (back and forward). */
  formKey: string;
}) {
  const id = useId();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const name of ["from", "to", ...selects.map((s) => s.name)]) {
      const value = data.get(name);
      if (typeof value === "string" && value) next.set(name, value);
    }
    apply(next);
  };
  const day = (name: "from" | "to") => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{words[name]}</label>
      <input
        id={`${id}-${name}`}
        name={name}
        type="date"
        defaultValue={params.get(name) ?? range?.[name] ?? ""}
      />
    </div>
  );
  return (
    <form
      className="panel report-filters"
      onSubmit={submit}
      key={formKey}
      {...(words.form ? { "aria-label": words.form } : {})}
    >
      {day("from")}
      {day("to")}
      {selects.map((s) => (
        <div className="field" key={s.name}>
          <label htmlFor={`${id}-${s.name}`}>{s.label}</label>
          <select id={`${id}-${s.name}`} name={s.name} defaultValue={params.get(s.name) ?? ""}>
            <option value="">{s.all}</option>
            {s.options.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary">
          {words.show}
        </button>
        <button type="button" className="btn" onClick={() => apply(new URLSearchParams())}>
          {words.reset}
        </button>
      </div>
    </form>
  );
}

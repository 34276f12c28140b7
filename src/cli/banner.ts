import { VERSION } from "../config.ts";
import type { RunningServer } from "../server.ts";

function replyExample(server: RunningServer): string {
  const replyTo = server.app.baton.config.mail.replyTo;
  const at = replyTo.lastIndexOf("@");
  return `${replyTo.slice(0, at)}+<case number>@${replyTo.slice(at + 1)}`;
}

/** Where outgoing mail goes: the SMTP server, or the mailbox admins read in the app. */
function outgoingMail(server: RunningServer, demo: RunningServer["demo"]): string[] {
  const smtp = server.app.baton.config.mail.smtp;
  if (smtp)
    return [`  Mail    goes out through smtp${smtp.secure ? "s" : ""}://${smtp.host}:${smtp.port}`];
  const workspace = demo?.workspaces[0]?.slug;
  return [
    "  Mail    no SMTP server is set (BATON_SMTP_URL): outgoing mail is kept in each workspace's",
    workspace
      ? `          Mailbox, e.g. ${server.url}/w/${workspace}/mailbox (admins)`
      : "          Mailbox page (admins)",
  ];
}

/** Which reads go to a replica, when DATABASE_READ_URL names one (its host and database only). */
export function replicaReads(readUrl: string | undefined): string[] {
  if (!readUrl) return [];
  const url = new URL(readUrl);
  return [
    `  Reads   reports, analytics, CSV exports and calendar feeds come from the replica at`,
    `          ${url.host}${url.pathname}`,
  ];
}

/** Emails in columns under one indent, wrapped so a line stays readable in a terminal. */
function wrapped(first: string, emails: string[], width = 100): string[] {
  const indent = " ".repeat(first.length);
  const lines: string[] = [];
  let line = first;
  for (const email of emails) {
    if (line.length > indent.length && line.length + 2 + email.length > width) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += `${email}  `;
  }
  lines.push(line.trimEnd());
  return lines;
}

/** `demo`: what this start loaded, in this process or in the one that seeded apart. */
export function printBanner(server: RunningServer, demo = server.demo): void {
  const lines = [
    "",
    `  Baton ${VERSION} is running on ${server.database.kind === "pglite" ? "embedded PGlite" : "PostgreSQL"}`,
    `  Open    ${server.url}`,
    `  API     ${server.url}/docs`,
    ...outgoingMail(server, demo),
    ...replicaReads(server.app.baton.config.databaseReadUrl),
  ];
  if (server.inbound)
    lines.push(
      `  Replies smtp://${server.inbound.address} takes mail from a case's contact to`,
      `          ${replyExample(server)} as a public note on that case`,
    );
  if (demo) {
    lines.push("", `  Demo data loaded. Every demo login uses the password: ${demo.password}`);
    const byWorkspace = new Map<string, string[]>();
    for (const login of demo.logins)
      byWorkspace.set(login.workspace, [...(byWorkspace.get(login.workspace) ?? []), login.email]);
    for (const [workspace, emails] of byWorkspace)
      lines.push(...wrapped(`    ${workspace.padEnd(18)} `, emails));
  }
  lines.push("");
  console.log(lines.join("\n"));
}

import type { RunningServer } from "../server.ts";

function replyExample(server: RunningServer): string {
  const replyTo = server.app.baton.config.mail.replyTo;
  const at = replyTo.lastIndexOf("@");
  return `${replyTo.slice(0, at)}+<case number>@${replyTo.slice(at + 1)}`;
}

export function printBanner(server: RunningServer): void {
  const lines = [
    "",
    `  Baton is running on ${server.database.kind === "pglite" ? "embedded PGlite" : "PostgreSQL"}`,
    `  Open   ${server.url}`,
    `  API    ${server.url}/docs`,
  ];
  if (server.inbound)
    lines.push(
      `  Mail   smtp://${server.inbound.address} takes replies: mail from a case's contact to`,
      `         ${replyExample(server)} becomes a public note on that case`,
    );
  if (server.demo) {
    lines.push(
      "",
      `  Demo data loaded. Every demo login uses the password: ${server.demo.password}`,
    );
    const byWorkspace = new Map<string, string[]>();
    for (const login of server.demo.logins) {
      const list = byWorkspace.get(login.workspace) ?? [];
      if (list.length < 3) list.push(login.email);
      byWorkspace.set(login.workspace, list);
    }
    for (const [workspace, emails] of byWorkspace)
      lines.push(`    ${workspace.padEnd(18)} ${emails.join("  ")}`);
  }
  lines.push("");
  console.log(lines.join("\n"));
}

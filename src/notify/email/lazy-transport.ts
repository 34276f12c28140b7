import type Nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";

/**
 * A nodemailer transport made for the first message rather than at start: nodemailer is some
 * 40 files that a server which sends no mail (or not yet) need not load.
 */
export function lazyTransport<Info>(make: (nodemailer: typeof Nodemailer) => Transporter<Info>): {
  get(): Promise<Transporter<Info>>;
  close(): void;
} {
  let transporter: Promise<Transporter<Info>> | undefined;
  return {
    get: () => {
      transporter ??= import("nodemailer").then((m) => make(m.default));
      return transporter;
    },
    close: () => {
      void transporter?.then((t) => t.close());
    },
  };
}

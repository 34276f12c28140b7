// Issue 14 in the browser (S2.2, "description with attachments (screenshots)"): an engineer
// pastes a screenshot into the note composer, sees it upload as a chip, adds the note, and the
// timeline and the case's Files show the image's preview; a refused file says why in the chip.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase, me, openCase, privateNote } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const WS = "regional-cse";

describe.skipIf(!hasChromium)("attachments in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("a pasted screenshot goes onto the note and shows as a preview", async () => {
    const page = await stage.signIn(await stage.person(), `agent@${WS}.example`);
    const self = await me(page);
    const number = await createCase(page, {
      workspace: WS,
      subject: "Chart legend overlaps the axis",
      ownerId: self.id,
    });
    await openCase(page, number);
    const composer = page.locator("form.composer");
    const textarea = composer.getByLabel("Note text");
    await textarea.fill("Here is what the customer sees");

    // A PNG drawn in the page, pasted as the clipboard would hand it over.
    await textarea.evaluate(async (el) => {
      const canvas = document.createElement("canvas");
      canvas.width = 40;
      canvas.height = 24;
      const ctx = canvas.getContext("2d");
      if (!ctx) throw new Error("no 2d context");
      ctx.fillStyle = "#c0392b";
      ctx.fillRect(0, 0, 40, 24);
      const blob = await new Promise<Blob>((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("no blob"))), "image/png"),
      );
      const data = new DataTransfer();
      data.items.add(new File([blob], "legend.png", { type: "image/png" }));
      el.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    const chips = composer.getByRole("list", { name: "Files for this note" });
    await chips.getByRole("button", { name: "Remove legend.png" }).waitFor();
    // Uploaded: the chip's thumbnail is the server's preview, and the progress bar is gone.
    await chips.locator("img.file-chip-thumb").waitFor();
    await expect.poll(() => chips.getByRole("progressbar").count()).toBe(0);
    // Pasting kept the text: a screenshot is a file, not text in the note.
    expect(await textarea.inputValue()).toBe("Here is what the customer sees");

    // A page posing as an image is refused, and the chip says why in Baton's words.
    await page.locator('form.composer input[type="file"]').setInputFiles({
      name: "fake.png",
      mimeType: "image/png",
      buffer: Buffer.from("<html><script>alert(1)</script></html>"),
    });
    await chips.getByText("is named as an image but its content is text").waitFor();
    await chips.getByRole("button", { name: "Remove fake.png" }).click();
    await expect.poll(() => chips.getByRole("listitem").count()).toBe(1);

    await composer.getByRole("button", { name: "Add private note" }).click();
    const note = privateNote(page, "Here is what the customer sees");
    const preview = note.getByRole("img", { name: "Preview of legend.png" });
    await preview.waitFor();
    // The preview really loaded: the served file is an image the browser could draw.
    await expect
      .poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBe(40);
    await expect
      .poll(() => composer.getByRole("list", { name: "Files for this note" }).count())
      .toBe(0);

    const files = page.getByRole("region", { name: /^Files/ });
    await files.getByRole("img", { name: "Preview of legend.png" }).waitFor();
    await files.getByText(self.name, { exact: false }).first().waitFor();
    await stage.shot(page, "attachments-note");

    // On a phone the file controls and the preview stay within the screen.
    const phone = await page.context().newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await openCase(phone, number);
    const attach = phone.locator("form.composer").getByRole("button", { name: "Attach files" });
    await attach.scrollIntoViewIfNeeded();
    const box = await attach.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await stage.shot(phone, "attachments-phone");
  });
});

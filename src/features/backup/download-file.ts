// Hands a generated file to the browser's download mechanism. Nothing is added to the page beyond a
// hidden, detached-straight-away link; the file's text never reaches the DOM.
import type { ExportedFile } from "../../storage/backup";

/**
 * Some browsers (Firefox, older Safari) cancel a download whose object URL is revoked in the same
 * task as the click, so the URL lives a little longer.
 */
export const REVOKE_AFTER_MS = 1_000;

export function downloadFile(file: Pick<ExportedFile, "fileName" | "mimeType" | "text">, revokeAfterMs = REVOKE_AFTER_MS): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.fileName;
  link.rel = "noopener";
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), revokeAfterMs);
  }
}

// Hands generated content (a backup file, a pack's PDF or JSON, the review CSV) to the browser's
// download mechanism. Nothing is added to the page beyond a hidden link that is removed at once;
// the content never reaches the DOM.

/**
 * Some browsers (Firefox, older Safari) cancel a download whose object URL is revoked in the same
 * task as the click, so the URL lives a little longer. Large files (a pack's PDF) pass more time.
 */
export const REVOKE_AFTER_MS = 1_000;

export function downloadContent(
  fileName: string,
  mimeType: string,
  content: string | Uint8Array,
  revokeAfterMs = REVOKE_AFTER_MS,
): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type: mimeType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
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

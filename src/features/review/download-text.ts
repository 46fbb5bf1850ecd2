// Hands generated text (the review CSV) to the browser's download mechanism via a detached link.
/** Some browsers cancel a download whose object URL is revoked in the same task as the click. */
const REVOKE_AFTER_MS = 1_000;

export function downloadText(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
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
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

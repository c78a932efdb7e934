/**
 * Saves text as a file through the browser's download (Electron shows its save
 * dialog). A byte order mark goes first, so spreadsheet programs read umlauts
 * in a CSV as UTF-8.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const blob = new Blob(['\uFEFF', text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoked after the click has been handled; revoking at once can cancel the download.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

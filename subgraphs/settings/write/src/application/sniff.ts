/**
 * The content type of some bytes, read from the bytes (magic numbers, `file-type`), never from
 * what a client claims. Bytes no signature matches count as text/plain only when they are UTF-8
 * without control characters other than tab, CR and LF; anything else is null (unknown).
 */
export async function sniffContentType(bytes: Buffer): Promise<string | null> {
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return detected.mime;
  return isPlainText(bytes) ? 'text/plain' : null;
}

function isPlainText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(bytes.toString('latin1'))) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * A small PDF 1.4 writer for text printouts: A4 pages of Helvetica lines (a title in bold), with
 * the cross-reference table computed from the bytes written. Text outside Latin-1 is replaced
 * by "?" (the standard fonts carry no other glyphs).
 */
const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 56;
const LEADING = 15;
const LINES_PER_PAGE = Math.floor((PAGE_H - 2 * MARGIN) / LEADING) - 2;

export interface PrintoutDocument {
  title: string;
  lines: string[];
}

/** A PDF literal string: Latin-1 only, with ( ) \ escaped and control characters dropped. */
export function pdfText(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) continue;
    const latin = c > 0xff ? '?' : ch;
    out += latin === '(' || latin === ')' || latin === '\\' ? `\\${latin}` : latin;
  }
  return `(${out})`;
}

/** The document as PDF bytes; the lines flow over as many pages as they need. */
export function renderPdf(doc: PrintoutDocument): Buffer {
  const pages: string[][] = [];
  for (let i = 0; i < Math.max(doc.lines.length, 1); i += LINES_PER_PAGE) pages.push(doc.lines.slice(i, i + LINES_PER_PAGE));
  // objects: 1 catalog, 2 pages, 3 font, 4 bold font, then per page: page, content
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 5 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  pages.forEach((lines, i) => {
    const top = PAGE_H - MARGIN;
    const body = [
      'BT',
      `/F2 14 Tf ${MARGIN} ${top} Td ${pdfText(doc.title)} Tj`,
      `/F1 10 Tf 0 ${-2 * LEADING} Td ${LEADING} TL`,
      ...lines.map((l) => `${pdfText(l)} Tj T*`),
      `/F1 8 Tf 0 -${LEADING} Td ${pdfText(`Page ${i + 1} of ${pages.length}`)} Tj`,
      'ET',
    ].join('\n');
    const content = Buffer.from(body, 'latin1');
    objects[pageIds[i]!] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`;
    objects[pageIds[i]! + 1] = `<< /Length ${content.length} >>\nstream\n${body}\nendstream`;
  });
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = offset;
    const chunk = Buffer.from(`${id} 0 obj\n${objects[id]}\nendobj\n`, 'latin1');
    chunks.push(chunk);
    offset += chunk.length;
  }
  const xref = [
    'xref',
    `0 ${objects.length}`,
    '0000000000 65535 f ',
    ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length} /Root 1 0 R >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}

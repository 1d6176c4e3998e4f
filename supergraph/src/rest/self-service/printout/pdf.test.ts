import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pdfText, renderPdf } from './pdf';

describe('printout PDF writer', () => {
  it('writes a PDF whose cross-reference offsets point at each object', () => {
    const pdf = renderPdf({ title: 'Order ORD-1', lines: Array.from({ length: 120 }, (_, i) => `Line ${i + 1}`) }).toString('latin1');
    assert.ok(pdf.startsWith('%PDF-1.4'));
    assert.ok(pdf.trimEnd().endsWith('%%EOF'));
    const startxref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    assert.ok(pdf.slice(startxref).startsWith('xref'));
    const offsets = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => assert.ok(pdf.slice(o).startsWith(`${i + 1} 0 obj`), `object ${i + 1} at ${o}`));
    // 120 lines need more than one page, each numbered
    assert.match(pdf, /\/Count 3 /);
    assert.ok(pdf.includes('(Page 3 of 3)'));
    assert.ok(pdf.includes('(Line 120) Tj'));
  });
  it('escapes PDF string delimiters and drops what the font cannot show', () => {
    assert.equal(pdfText('a(b)c\\d'), '(a\\(b\\)c\\\\d)');
    assert.equal(pdfText('caf\u00e9 \u4e2d\n'), '(caf\u00e9 ?)');
  });
});

// Hostile report files, made on the spot: each a few KB (the zip bomb 300 KB) that
// cost the old converters seconds to minutes of CPU or all memory. Shared by the unit tests
// (test/unit/convert-limits.test.ts) and the HTTP test (e2e/hostile-files.spec.ts).
import zlib from "node:zlib";
import JSZip from "jszip";

export interface HostileFile {
  /** what it is, for test names */
  title: string;
  filename: string;
  bytes: Buffer;
  /** the refusal expected (Chinese, naming the limit); null when the file may be read (a huge merge is ignored) */
  refusal: RegExp | null;
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

async function docx(documentXml: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", CONTENT_TYPES);
  zip.file("word/document.xml", documentXml);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A workbook of one sheet: `sheet` is the inside of <worksheet>, `workbookExtra` goes inside <workbook>. */
async function xlsx(sheet: string, workbookExtra = ""): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", CONTENT_TYPES);
  zip.file(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets>${workbookExtra}</workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  );
  zip.file("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sheet}</worksheet>`);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

function columnLetters(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;

/**
 * A zip whose one entry is built by hand, so that its central directory can declare any size:
 * `repeat` copies of `middle` between `head` and `tail`, deflated once and repeated (each piece
 * a self-contained run of deflate blocks), so 300 MB costs a moment to make.
 */
function bombZip(name: string, head: string, middle: string, repeat: number, tail: string, declaredSize?: number): Buffer {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
  const h = zlib.deflateRawSync(Buffer.from(head), flush);
  const m = zlib.deflateRawSync(Buffer.from(middle), flush);
  const t = zlib.deflateRawSync(Buffer.from(tail));
  const compressed = Buffer.concat([h, ...Array.from({ length: repeat }, () => m), t]);
  const size = Buffer.byteLength(head) + Buffer.byteLength(middle) * repeat + Buffer.byteLength(tail);
  let crc = zlib.crc32(head);
  const mb = Buffer.from(middle);
  for (let i = 0; i < repeat; i++) crc = zlib.crc32(mb, crc);
  crc = zlib.crc32(tail, crc);
  const declared = declaredSize ?? size;
  const nameBytes = Buffer.from(name);
  // little-endian records: [offset, byte width, value]
  const record = (size: number, fields: [number, 2 | 4, number][]) => {
    const b = Buffer.alloc(size);
    for (const [at, width, v] of fields) if (width === 2) b.writeUInt16LE(v, at); else b.writeUInt32LE(v, at);
    return b;
  };
  const local = record(30, [[0, 4, 0x04034b50], [4, 2, 20], [8, 2, 8], [14, 4, crc >>> 0], [18, 4, compressed.length], [22, 4, declared], [26, 2, nameBytes.length]]);
  const central = record(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [10, 2, 8], [16, 4, crc >>> 0], [20, 4, compressed.length], [24, 4, declared], [28, 2, nameBytes.length], [42, 4, 0]]);
  const cdOffset = local.length + nameBytes.length + compressed.length;
  const end = record(22, [[0, 4, 0x06054b50], [8, 2, 1], [10, 2, 1], [12, 4, central.length + nameBytes.length], [16, 4, cdOffset]]);
  return Buffer.concat([local, nameBytes, compressed, central, nameBytes, end]);
}

const BOMB_HEAD = `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body><w:p><w:r><w:t>`;
const BOMB_TAIL = "</w:t></w:r></w:p></w:body></w:document>";
const MEGABYTE_OF_TEXT = "报".repeat(1024 * 1024 / 3) + "a";

export async function hostileFiles(): Promise<HostileFile[]> {
  return [
    {
      title: "a .docx table cell with gridSpan 100000000",
      filename: "gridspan.docx",
      bytes: await docx(`<w:document ${W}><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`),
      refusal: /表格过大：合并单元格跨越 100000000 列，超过上限 200 列/,
    },
    {
      title: "a .docx table row with gridBefore 100000000",
      filename: "gridbefore.docx",
      bytes: await docx(`<w:document ${W}><w:body><w:tbl><w:tr><w:trPr><w:gridBefore w:val="100000000"/></w:trPr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>`),
      refusal: /表格过大：合并单元格跨越 100000000 列，超过上限 200 列/,
    },
    {
      title: "a .xlsx with one cell at row 3000, column 3300",
      filename: "far-cell.xlsx",
      bytes: await xlsx(`<sheetData><row r="1">${text("A1", "标题")}${text("B1", "表头")}</row><row r="3000">${text(`${columnLetters(3300)}3000`, "远处")}</row></sheetData>`),
      refusal: /表格过大：工作表“表1”有 3300 列，超过上限 200 列/,
    },
    {
      title: "a .xlsx with a cell at XFD1048576",
      filename: "last-cell.xlsx",
      bytes: await xlsx(`<sheetData><row r="1">${text("A1", "标题")}</row><row r="1048576">${text("XFD1048576", "最后")}</row></sheetData>`),
      refusal: /表格过大：工作表“表1”有 16384 列，超过上限 200 列/,
    },
    {
      title: "a .xlsx merging B2:XFD1048576 (and a data validation and a print area as large)",
      filename: "huge-merge.xlsx",
      bytes: await xlsx(
        `<sheetData><row r="1">${text("A1", "贺兰县金贵镇2023年政府信息公开工作年度报告")}</row><row r="2">${text("B2", "合并")}</row></sheetData><mergeCells count="1"><mergeCell ref="B2:XFD1048576"/></mergeCells><dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations><cols><col min="1" max="16384" width="9"/></cols>`,
        `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'表1'!$A$1:$XFD$1048576</definedName></definedNames>`,
      ),
      // the merge is ignored and the sheet read: a title and nothing else is no report
      refusal: null,
    },
    {
      title: "a 300 KB .docx whose document.xml inflates to 300 MB (declared as such)",
      filename: "bomb.docx",
      bytes: bombZip("word/document.xml", BOMB_HEAD, MEGABYTE_OF_TEXT, 300, BOMB_TAIL),
      refusal: /文件解压后超过 50 MB 上限/,
    },
    {
      title: "a 300 KB .docx whose document.xml inflates to 300 MB (declared as 10 KB)",
      filename: "lying-bomb.docx",
      bytes: bombZip("word/document.xml", BOMB_HEAD, MEGABYTE_OF_TEXT, 300, BOMB_TAIL, 10 * 1024),
      refusal: /解压后超过其声明的大小/,
    },
    {
      title: "a 450 KB web page of <td colspan=1000 rowspan=50000>",
      filename: "spans.html",
      bytes: Buffer.from(`<!doctype html><html><body><table>${"<tr><td colspan=1000 rowspan=50000>x</td></tr>".repeat(10_000)}</table></body></html>`),
      refusal: /表格过大：第 1 个表格有 10000 行，超过上限 2000 行/,
    },
    {
      title: "a web page of one <td colspan=1000 rowspan=50000>",
      filename: "span.html",
      bytes: Buffer.from(`<!doctype html><html><body><table><tr><td colspan=1000 rowspan=50000>x</td></tr><tr><td>y</td></tr></table></body></html>`),
      refusal: /表格过大：合并单元格跨越 1000 列，超过上限 200 列/,
    },
  ];
}

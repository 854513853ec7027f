/**
 * The limits of the converters (Word, Excel, web page) in one place. An uploaded file of a few
 * KB can declare a table cell spanning 1e8 columns, a cell at XFD1048576 or a part that inflates
 * to gigabytes; each layer refuses what a report cannot be, before the work it would cost:
 *
 * - the zip package: entries and sizes read from the central directory before anything is
 *   inflated, a compression-ratio limit, and every inflation capped at the declared size (never
 *   trusted: a part that inflates further is refused, not read);
 * - tables: spans, rows, columns and grid cells per table and per document. The largest official
 *   table (lib/templates, 2021 format: 第三部分 申请情况) is about 30 rows × 9 columns; the limits
 *   leave ample room for layout rows and columns around it;
 * - the whole conversion runs in a worker thread with a heap limit and a time budget
 *   (./convert-pool.ts), a few at once per process and one per user.
 *
 * Every refusal is a ConvertLimitError whose message names the limit, in Chinese.
 */
import zlib from "node:zlib";
import { UnreadableFileError } from "./read/errors";

const MB = 1024 * 1024;

export const CONVERT_LIMITS = {
  /** files in the zip package */
  zipEntries: 2_000,
  /** one part (document.xml, a sheet, sharedStrings.xml…), inflated */
  zipEntryBytes: 10 * MB,
  /** all parts together, as the central directory declares them */
  zipTotalBytes: 50 * MB,
  /** inflated ÷ compressed, for parts over 1 MB (real XML parts compress 5–30×; a bomb ~1000×) */
  zipRatio: 200,
  /** one table */
  tableColumns: 200,
  tableRows: 2_000,
  tableCells: 50_000,
  /** every table of the document together */
  documentCells: 200_000,
  /** cells present in a workbook's sheets (each counted as written, before Excel's reader sees it) */
  workbookCells: 200_000,
  /** worker thread: heap and time of one conversion */
  workerHeapMb: 256,
  timeBudgetMs: 5_000,
} as const;

/** A file refused by a limit; `limit` names which (for tests and logs), the message says it to the user. */
export class ConvertLimitError extends UnreadableFileError {
  constructor(
    message: string,
    readonly limit: keyof typeof CONVERT_LIMITS | "zipMethod",
  ) {
    super(message);
    this.name = "ConvertLimitError";
  }
}

const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;

// ---------------------------------------------------------------------------------------------
// zip packages (.docx / .xlsx)

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const corrupt = () => new UnreadableFileError("文件已损坏：无法解压（.docx / .xlsx 文件是 zip 压缩包）");

/**
 * A zip package read through its central directory only. Nothing is inflated until a part is
 * asked for, and then at most its declared size (within the per-part limit).
 */
export class SafeZip {
  private constructor(
    private readonly bytes: Buffer,
    private readonly entries: Map<string, ZipEntry>,
  ) {}

  /** Reads the central directory and applies the package limits. Throws UnreadableFileError / ConvertLimitError. */
  static open(input: Uint8Array): SafeZip {
    const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    // end of central directory: 22 bytes + a comment of at most 65535
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
      if (bytes.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw corrupt();
    let count = bytes.readUInt16LE(eocd + 10);
    let cdOffset = bytes.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) {
      // ZIP64: the locator sits just before the end record
      const locator = eocd - 20;
      if (locator < 0 || bytes.readUInt32LE(locator) !== 0x07064b50) throw corrupt();
      const z64 = Number(bytes.readBigUInt64LE(locator + 8));
      if (z64 < 0 || z64 + 56 > bytes.length || bytes.readUInt32LE(z64) !== 0x06064b50) throw corrupt();
      count = Number(bytes.readBigUInt64LE(z64 + 32));
      cdOffset = Number(bytes.readBigUInt64LE(z64 + 48));
    }
    if (count > CONVERT_LIMITS.zipEntries)
      throw new ConvertLimitError(`压缩包内的文件过多（${count} 个），超过上限 ${CONVERT_LIMITS.zipEntries} 个`, "zipEntries");
    const entries = new Map<string, ZipEntry>();
    let total = 0;
    let p = cdOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) throw corrupt();
      const flags = bytes.readUInt16LE(p + 8);
      const method = bytes.readUInt16LE(p + 10);
      let compressedSize = bytes.readUInt32LE(p + 20);
      let size = bytes.readUInt32LE(p + 24);
      const nameLength = bytes.readUInt16LE(p + 28);
      const extraLength = bytes.readUInt16LE(p + 30);
      const commentLength = bytes.readUInt16LE(p + 32);
      let localHeaderOffset = bytes.readUInt32LE(p + 42);
      const end = p + 46 + nameLength + extraLength + commentLength;
      if (end > bytes.length) throw corrupt();
      const name = bytes.toString(flags & 0x800 ? "utf8" : "latin1", p + 46, p + 46 + nameLength).replace(/^\/+/, "");
      // ZIP64 extra field: the 64-bit values of the fields set to 0xFFFFFFFF, in this order
      for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
        const id = bytes.readUInt16LE(e);
        const len = bytes.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const next = () => {
            if (q + 8 > e + 4 + len) throw corrupt();
            const v = Number(bytes.readBigUInt64LE(q));
            q += 8;
            return v;
          };
          if (size === 0xffffffff) size = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
        }
        e += 4 + len;
      }
      total += size;
      if (total > CONVERT_LIMITS.zipTotalBytes)
        throw new ConvertLimitError(`文件解压后超过 ${CONVERT_LIMITS.zipTotalBytes / MB} MB 上限`, "zipTotalBytes");
      if (size > MB && size / Math.max(1, compressedSize) > CONVERT_LIMITS.zipRatio)
        throw new ConvertLimitError(
          `文件的压缩比异常（“${name}”${mb(compressedSize)} 解压后 ${mb(size)}，超过 ${CONVERT_LIMITS.zipRatio}:1 的上限），可能是恶意构造的压缩包`,
          "zipRatio",
        );
      if (!entries.has(name) && !name.endsWith("/")) entries.set(name, { name, method, flags, compressedSize, size, localHeaderOffset });
      p = end;
    }
    return new SafeZip(bytes, entries);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** A part's bytes, inflated up to its declared size (and never past the per-part limit); undefined when absent. */
  read(name: string): Buffer | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    if (entry.size > CONVERT_LIMITS.zipEntryBytes)
      throw new ConvertLimitError(
        `文件中的“${name}”解压后 ${mb(entry.size)}，超过单个部件 ${CONVERT_LIMITS.zipEntryBytes / MB} MB 的上限`,
        "zipEntryBytes",
      );
    if (entry.flags & 0x1) throw new UnreadableFileError("文件已加密，无法读取：请去掉密码后再导入");
    const b = this.bytes;
    const h = entry.localHeaderOffset;
    if (h + 30 > b.length || b.readUInt32LE(h) !== 0x04034b50) throw corrupt();
    const start = h + 30 + b.readUInt16LE(h + 26) + b.readUInt16LE(h + 28);
    if (start + entry.compressedSize > b.length) throw corrupt();
    const data = b.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) throw corrupt();
      return data;
    }
    if (entry.method !== 8) throw new ConvertLimitError(`文件中的“${name}”使用了不支持的压缩方式（${entry.method}）`, "zipMethod");
    let out: Buffer;
    try {
      // the declared size is a claim, not a fact: inflating stops there
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
        throw new ConvertLimitError(`文件中的“${name}”解压后超过其声明的大小（${mb(entry.size)}），可能是恶意构造的压缩包`, "zipEntryBytes");
      throw corrupt();
    }
    if (out.length !== entry.size) throw corrupt();
    return out;
  }

  /** A part as UTF-8 text; undefined when absent. */
  text(name: string): string | undefined {
    return this.read(name)?.toString("utf8");
  }
}

// ---------------------------------------------------------------------------------------------
// tables

/** Counts the grid cells of one document's tables; hands out a guard per table. */
export class GridBudget {
  private cells = 0;

  table(name: string): TableGuard {
    return new TableGuard(name, this);
  }

  /** @internal called by TableGuard */
  count(n: number) {
    this.cells += n;
    if (this.cells > CONVERT_LIMITS.documentCells)
      throw new ConvertLimitError(`文件过大：表格共超过 ${CONVERT_LIMITS.documentCells} 个单元格的上限`, "documentCells");
  }
}

/** The limits of one table; each check throws ConvertLimitError naming the limit. */
export class TableGuard {
  private cells = 0;

  constructor(
    readonly name: string,
    private readonly budget: GridBudget,
  ) {}

  /** A merged cell's (or a row's leading gap's) span across columns. */
  columnSpan(n: number): number {
    if (n > CONVERT_LIMITS.tableColumns)
      throw new ConvertLimitError(`表格过大：合并单元格跨越 ${n} 列，超过上限 ${CONVERT_LIMITS.tableColumns} 列`, "tableColumns");
    return n;
  }

  /** A merged cell's span down rows. */
  rowSpan(n: number): number {
    if (n > CONVERT_LIMITS.tableRows)
      throw new ConvertLimitError(`表格过大：合并单元格跨越 ${n} 行，超过上限 ${CONVERT_LIMITS.tableRows} 行`, "tableRows");
    return n;
  }

  /** The table's row count. */
  rows(n: number) {
    if (n > CONVERT_LIMITS.tableRows)
      throw new ConvertLimitError(`表格过大：${this.name}有 ${n} 行，超过上限 ${CONVERT_LIMITS.tableRows} 行`, "tableRows");
  }

  /** A row's width in grid columns. */
  width(n: number) {
    if (n > CONVERT_LIMITS.tableColumns)
      throw new ConvertLimitError(`表格过大：${this.name}有 ${n} 列，超过上限 ${CONVERT_LIMITS.tableColumns} 列`, "tableColumns");
  }

  /** n more grid positions filled (before filling them). */
  fill(n: number) {
    this.cells += n;
    if (this.cells > CONVERT_LIMITS.tableCells)
      throw new ConvertLimitError(`表格过大：${this.name}超过 ${CONVERT_LIMITS.tableCells} 个单元格的上限`, "tableCells");
    this.budget.count(n);
  }
}

/**
 * The package of an Office file, or UnreadableFileError with `message` (what kind of file it
 * is not); a file beyond the limits stays a ConvertLimitError.
 */
export function openOfficePackage(bytes: Uint8Array, message: string): SafeZip {
  try {
    return SafeZip.open(bytes);
  } catch (e) {
    if (e instanceof ConvertLimitError) throw e;
    throw new UnreadableFileError(message);
  }
}

/**
 * The CJK fonts of the PDF download: Debian's `fonts-noto-cjk` (Noto Serif / Sans CJK, OpenType
 * collections), installed by the README's commands and the Dockerfile, never fetched at run
 * time. PDF_FONT_DIR names another directory holding the same files.
 *
 * Each .ttc is 20–26 MB: it is read and parsed once per process, on the first PDF, and the
 * parsed font is handed to every later document (pdfkit subsets it per document).
 */
import fs from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";

export const DEFAULT_PDF_FONT_DIR = "/usr/share/fonts/opentype/noto";

/** The faces the PDF uses: file in the font directory and PostScript name inside the collection. */
export const PDF_FACES = {
  /** body text and table cells (仿宋's place) */
  serif: { file: "NotoSerifCJK-Regular.ttc", name: "NotoSerifCJKsc-Regular" },
  /** the title, bold runs, table headers (小标宋's place) */
  serifBold: { file: "NotoSerifCJK-Bold.ttc", name: "NotoSerifCJKsc-Bold" },
  /** the part headings (黑体's place) */
  sans: { file: "NotoSansCJK-Bold.ttc", name: "NotoSansCJKsc-Bold" },
} as const;
export type PdfFace = keyof typeof PDF_FACES;

/** A font file is missing: the server cannot make PDFs until fonts-noto-cjk is installed. */
export class PdfFontsMissingError extends Error {
  constructor(readonly missing: string[]) {
    super(`PDF fonts missing: ${missing.join(", ")}`);
    this.name = "PdfFontsMissingError";
  }
}

export function pdfFontDir(): string {
  return process.env.PDF_FONT_DIR || DEFAULT_PDF_FONT_DIR;
}

/** What `doc.font(src, name)` accepts: a parsed font (pdfkit passes it through) or the file's bytes. */
export type FontSource = Buffer | object;

type Loaded = Record<PdfFace, FontSource>;
const shared = globalThis as unknown as { __govreportsPdfFonts?: { dir: string; fonts: Loaded } };

/**
 * The three faces, parsed once per process (and per PDF_FONT_DIR). Throws PdfFontsMissingError
 * when a file is absent; nothing is remembered then, so installing the fonts needs no restart.
 */
export function loadPdfFonts(): Loaded {
  const dir = pdfFontDir();
  if (shared.__govreportsPdfFonts?.dir === dir) return shared.__govreportsPdfFonts.fonts;
  const missing = Object.values(PDF_FACES)
    .map((f) => f.file)
    .filter((file) => !fs.existsSync(path.join(/*turbopackIgnore: true*/ dir, file)));
  if (missing.length) throw new PdfFontsMissingError(missing);
  const fonts = {} as Loaded;
  for (const [face, { file, name }] of Object.entries(PDF_FACES) as [PdfFace, (typeof PDF_FACES)[PdfFace]][]) {
    const bytes = fs.readFileSync(path.join(/*turbopackIgnore: true*/ dir, file));
    // pdfkit parses the collection with fontkit and keeps the face as `_font.font`; a parsed
    // face passed back to doc.font() is used as is. Without that field (another pdfkit), the
    // bytes are kept and each document parses them again.
    const probe = new PDFDocument({ autoFirstPage: false });
    probe.font(bytes, name);
    const parsed = (probe as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
    fonts[face] = parsed && typeof parsed.layout === "function" ? parsed : bytes;
  }
  shared.__govreportsPdfFonts = { dir, fonts };
  return fonts;
}

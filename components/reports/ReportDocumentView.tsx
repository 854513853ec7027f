// A published report, read like the official document: title, preamble with contact,
// the six parts in the template's order, signature and date.
import type { ReactNode } from "react";
import type { ReportDocument } from "@/lib/exchange";
import { getTemplate, reportTitle, type OutlineKey } from "@/lib/templates";
import { preambleText } from "@/lib/documents/names";
import { Markdown } from "./Markdown";
import { OfficialTable, type CellContent } from "./OfficialTable";

/** Additions a page makes to the document where it reads it (the review page: comments in place). */
export interface DocumentAnnotations {
  /** around each figure's text */
  cell?: CellContent;
  /** under each part's heading */
  part?: (key: OutlineKey) => ReactNode;
  /** after the preamble, which holds the contact */
  contact?: ReactNode;
}

function formatIssuedOn(iso: string | null | undefined) {
  if (!iso) return null;
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

export function ReportDocumentView({ doc, annotations }: { doc: ReportDocument; annotations?: DocumentAnnotations }) {
  const template = getTemplate(doc.template);
  const part = (key: OutlineKey) => {
    switch (key) {
      case "overview":
      case "problems":
      case "other": {
        const n = template.narrative[key];
        const text = doc.narrative[key]?.trim();
        return (
          <section key={key} aria-labelledby={`part-${key}`}>
            <h2 id={`part-${key}`}>{n.title}</h2>
            {annotations?.part?.(key)}
            <div className="narrative" {...(annotations?.part && { "data-comment-area": `narrative.${key}` })}>{text ? <Markdown>{text}</Markdown> : <p>无</p>}</div>
          </section>
        );
      }
      default:
        return (
          <section key={key} aria-labelledby={`part-${key}`}>
            <h2 id={`part-${key}`}>{template.sections[key].title}</h2>
            {annotations?.part?.(key)}
            <OfficialTable template={template} section={key} values={doc[key]} cellContent={annotations?.cell} />
          </section>
        );
    }
  };
  return (
    // the agency's codes travel with the page, so that a saved copy converts back (lib/documents)
    <article className="report-document" data-agency-code={doc.agency.code} data-region-code={doc.agency.region.code} data-region-name={doc.agency.region.name}>
      <h1>{reportTitle(doc.agency.name, doc.year)}</h1>
      {/* the same sentence as the downloads print, the citation from the template */}
      <p className="preamble">{preambleText(doc.agency.name, doc.year, template, doc.contact)}</p>
      {annotations?.contact}
      {template.outline.map(part)}
      <footer className="signature">
        <p>{doc.agency.name}</p>
        {formatIssuedOn(doc.issuedOn) && <p>{formatIssuedOn(doc.issuedOn)}</p>}
      </footer>
    </article>
  );
}

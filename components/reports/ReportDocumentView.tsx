// A published report, read like the official document: title, preamble with contact,
// the six parts in the template's order, signature and date.
import type { ReportDocument } from "@/lib/exchange";
import { getTemplate, reportTitle, type OutlineKey } from "@/lib/templates";
import { preambleText } from "@/lib/documents/names";
import { Markdown } from "./Markdown";
import { OfficialTable } from "./OfficialTable";

function formatIssuedOn(iso: string | null | undefined) {
  if (!iso) return null;
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

export function ReportDocumentView({ doc }: { doc: ReportDocument }) {
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
            <div className="narrative">{text ? <Markdown>{text}</Markdown> : <p>无</p>}</div>
          </section>
        );
      }
      default:
        return (
          <section key={key} aria-labelledby={`part-${key}`}>
            <h2 id={`part-${key}`}>{template.sections[key].title}</h2>
            <OfficialTable template={template} section={key} values={doc[key]} />
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
      {template.outline.map(part)}
      <footer className="signature">
        <p>{doc.agency.name}</p>
        {formatIssuedOn(doc.issuedOn) && <p>{formatIssuedOn(doc.issuedOn)}</p>}
      </footer>
    </article>
  );
}

// A published report, read like the official document: title, preamble with contact,
// the six parts in the template's order, signature and date.
import type { ReportDocument } from "@/lib/exchange";
import { getTemplate, reportTitle, type OutlineKey } from "@/lib/templates";
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
  const { address, phone, email } = doc.contact;
  return (
    // the agency's codes travel with the page, so that a saved copy converts back (lib/documents)
    <article className="report-document" data-agency-code={doc.agency.code} data-region-code={doc.agency.region.code} data-region-name={doc.agency.region.name}>
      <h1>{reportTitle(doc.agency.name, doc.year)}</h1>
      <p className="preamble">
        本年度报告根据《中华人民共和国政府信息公开条例》和《关于政府信息公开工作年度报告有关事项的通知》（{template.documentName}
        ）编制。本报告中所列数据的统计期限自 {doc.year} 年 1 月 1 日起，至 {doc.year} 年 12 月 31 日止。如对本报告有疑问，请与
        {doc.agency.name}联系（{[address && `地址：${address}`, phone && `电话：${phone}`, email && `电子邮箱：${email}`].filter(Boolean).join("，")}）。
      </p>
      {template.outline.map(part)}
      <footer className="signature">
        <p>{doc.agency.name}</p>
        {formatIssuedOn(doc.issuedOn) && <p>{formatIssuedOn(doc.issuedOn)}</p>}
      </footer>
    </article>
  );
}

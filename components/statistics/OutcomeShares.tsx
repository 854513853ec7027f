// The share of each 办理结果 (of （七）总计) in a table: the official rows, groups with their
// subtotal, exact counts from the roll-up and the percentage with one decimal.
import { textToMicros, formatShare, microsToText } from "@/lib/templates/decimal";
import type { LabelNode, ReportTemplate } from "@/lib/templates";
import styles from "./statistics.module.css";

type Totals = Record<string, Record<string, string>>;

function leavesOf(node: LabelNode): string[] {
  return node.children ? node.children.flatMap(leavesOf) : node.key ? [node.key] : [];
}

export function OutcomeShares({ template, applications }: { template: ReportTemplate; applications: Totals }) {
  const outcomes = template.sections.applications.rowTree.find((n) => n.children?.some((c) => c.key === "handledTotal"));
  const handled = applications.handledTotal?.total ?? "0";
  const total = (keys: string[]) => microsToText(keys.reduce((s, k) => s + textToMicros(applications[k]?.total ?? "0"), 0n));
  const rows: { label: string; value: string; group: boolean; child: boolean }[] = [];
  for (const node of outcomes?.children ?? []) {
    if (node.key === "handledTotal") continue;
    rows.push({ label: node.label, value: total(leavesOf(node)), group: Boolean(node.children), child: false });
    for (const c of node.children ?? []) rows.push({ label: c.label, value: total(leavesOf(c)), group: false, child: true });
  }
  return (
    <div className="table-frame">
      <table className="data">
        <caption className="muted">办理结果占比（占“（七）总计”{handled} 件的比例）</caption>
        <thead>
          <tr>
            <th scope="col">办理结果</th>
            <th scope="col" className="num">件数</th>
            <th scope="col" className="num">占比</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const share = formatShare(r.value, handled);
            return (
              <tr key={r.label} className={r.group ? styles.group : undefined}>
                <th scope="row" className={r.child ? styles.indent : undefined}>
                  {r.label}
                </th>
                <td className="num">{r.value}</td>
                <td className="num">
                  {!r.child && share !== "—" && <span className={styles.bar} style={{ width: `${Math.max(1, Number.parseFloat(share))}px` }} aria-hidden="true" />}
                  {share}
                </td>
              </tr>
            );
          })}
          <tr className={styles.group}>
            <th scope="row">（七）总计</th>
            <td className="num">{handled}</td>
            <td className="num">{formatShare(handled, handled)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

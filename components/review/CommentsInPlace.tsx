// The review page's report, read with its comments in place: each figure and each part is a
// button that opens a comment form there (components/review/CommentOnReport.tsx), and the open
// comments show where they point — a mark in the cell, a list under the part's heading — as
// the clerk sees them in the editor. Names: docs/product.md "Accessible names".
import type { DocumentAnnotations } from "@/components/reports/ReportDocumentView";
import { cellName } from "@/lib/reports/cell-name";
import { getTemplate, NARRATIVE_KEYS, type NarrativeKey, type OutlineKey, type SectionKey, type TemplateId } from "@/lib/templates";

export interface CommentInPlace {
  id: string;
  anchor: string | null;
  body: string;
  author: { displayName: string };
}

/** The id of the text that describes a place's open comments (a cell id holds "/"). */
const describedId = (anchor: string) => `comment-at-${anchor.replaceAll("/", "-").replaceAll(".", "-")}`;

/** The accessible name of the button that comments on a place: `提意见：规章 本年新制作数量（5）`. */
export function commentTargetName(about: string, value?: string) {
  return value === undefined ? `提意见：${about}` : `提意见：${about}（${value || "空白"}）`;
}

function Target({ anchor, about, value, open, canComment, children }: { anchor: string; about: string; value?: string; open: CommentInPlace[] | undefined; canComment: boolean; children?: React.ReactNode }) {
  const described = open?.length ? describedId(anchor) : undefined;
  if (!canComment) return <>{children}</>;
  return (
    <button
      type="button"
      className={value === undefined ? "btn small secondary comment-target-part" : "comment-target"}
      data-comment-anchor={anchor}
      data-comment-about={about}
      aria-label={commentTargetName(about, value)}
      {...(described && { "aria-describedby": described })}
    >
      {children ?? "提意见"}
    </button>
  );
}

/** The open comments of one place, listed where they point. */
function OpenComments({ label, comments, about }: { label: string; comments: CommentInPlace[]; about: (c: CommentInPlace) => string | null }) {
  if (comments.length === 0) return null;
  return (
    <ul className="comments comments-in-place" aria-label={label}>
      {comments.map((c) => (
        <li key={c.id}>
          {about(c) && <strong>{about(c)}：</strong>}
          {c.body}
          <span className="muted">
            {" "}
            （{c.author.displayName}，未解决） <a href={`#comment-${c.id}`}>查看意见往来</a>
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The annotations of ReportDocumentView on the review page. `open`: the unresolved comments
 * (a resolved one has been dealt with and stays in the threads below only); `canComment`: the
 * reviewer (an administrator reads).
 */
export function commentsInPlace(templateId: TemplateId, open: CommentInPlace[], canComment: boolean): DocumentAnnotations {
  const template = getTemplate(templateId);
  const byAnchor = new Map<string, CommentInPlace[]>();
  for (const c of open) if (c.anchor) byAnchor.set(c.anchor, [...(byAnchor.get(c.anchor) ?? []), c]);
  const isNarrative = (key: OutlineKey): key is NarrativeKey => (NARRATIVE_KEYS as readonly string[]).includes(key);

  return {
    cell: (cell, text) => {
      const comments = byAnchor.get(cell.id);
      const about = cellName(templateId, cell.id);
      return (
        <>
          <Target anchor={cell.id} about={about} value={text} open={comments} canComment={canComment}>
            {text}
          </Target>
          {comments && (
            <span id={describedId(cell.id)} className="cell-comment-mark" title={comments.map((c) => c.body).join("\n")}>
              <span aria-hidden="true">💬{comments.length > 1 ? comments.length : ""}</span>
              <span className="visually-hidden">审核意见：{comments.map((c) => c.body).join("；")}</span>
            </span>
          )}
        </>
      );
    },
    part: (key) => {
      if (isNarrative(key)) {
        const title = template.narrative[key].title;
        const anchor = `narrative.${key}`;
        const comments = byAnchor.get(anchor) ?? [];
        return (
          <div className="part-comments no-print">
            <Target anchor={anchor} about={title} open={comments} canComment={canComment} />
            <div id={comments.length ? describedId(anchor) : undefined}>
              <OpenComments label={`${title} 的审核意见`} comments={comments} about={() => null} />
            </div>
          </div>
        );
      }
      // a table: its cells are the targets; its open comments listed under its heading, each naming its cell
      const title = template.sections[key as SectionKey].title;
      const comments = open.filter((c) => c.anchor?.startsWith(`${key}/`));
      return (
        <div className="part-comments no-print">
          {canComment && comments.length === 0 && <p className="muted small">点击表中的数字可对该格提出意见。</p>}
          <OpenComments label={`${title} 的审核意见`} comments={comments} about={(c) => cellName(templateId, c.anchor!)} />
        </div>
      );
    },
    contact: (() => {
      const comments = byAnchor.get("contact") ?? [];
      return (
        <div className="part-comments no-print">
          <Target anchor="contact" about="联系方式" open={comments} canComment={canComment} />
          <div id={comments.length ? describedId("contact") : undefined}>
            <OpenComments label="联系方式 的审核意见" comments={comments} about={() => null} />
          </div>
        </div>
      );
    })(),
  };
}

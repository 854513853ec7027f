// The one way narrative Markdown is shown (public pages, previews, review): CommonMark + GFM,
// with the CJK-friendly emphasis rules — plain CommonMark leaves `**4. 标题。**正文` as literal
// asterisks because the closing `**` follows CJK punctuation. Safe by construction: raw HTML
// is dropped, links keep only http(s)/mailto/relative targets, and images are shown only from
// this site (an external image would let a report track its readers): others become a link.
// No hooks, no client code: renders in server and client components alike.
import type { ComponentPropsWithoutRef, ReactNode } from "react";
import ReactMarkdown, { defaultUrlTransform, type Components } from "react-markdown";
import remarkCjkFriendly from "remark-cjk-friendly";
import remarkGfm from "remark-gfm";

type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/** A URL on this site: a path or a relative reference, never a scheme or `//host`. */
export function isSameSiteUrl(url: string | undefined): url is string {
  if (!url) return false;
  const u = url.trim();
  if (u.startsWith("//") || u.startsWith("\\")) return false;
  return !/^[a-z][a-z0-9+.-]*:/i.test(u) && !/[\u0000-\u001f]/.test(u);
}

/** Links: what react-markdown allows (http, https, mailto, relative …), never javascript: or data:. */
export function safeUrl(url: string): string {
  return defaultUrlTransform(url.trim());
}

function headingComponents(minLevel: HeadingLevel): Partial<Components> {
  // Markdown headings sit under the section's own heading: # and ## become the section's
  // sub-level so the document outline never skips or jumps above it.
  const tag = (level: number) => `h${Math.min(6, Math.max(minLevel, level))}` as "h2" | "h3" | "h4" | "h5" | "h6";
  const make = (level: number) =>
    function Heading({ node: _node, ...props }: ComponentPropsWithoutRef<"h1"> & { node?: unknown }) {
      const Tag = tag(level);
      return <Tag {...props} />;
    };
  return { h1: make(1), h2: make(2), h3: make(3), h4: make(4), h5: make(5), h6: make(6) };
}

const baseComponents: Partial<Components> = {
  a({ node: _node, href, children, ...props }) {
    if (!href) return <span>{children}</span>;
    const external = /^(https?:)?\/\//i.test(href);
    return (
      <a {...props} href={href} {...(external ? { rel: "nofollow noopener noreferrer", target: undefined } : {})}>
        {children}
      </a>
    );
  },
  img({ node: _node, src, alt, title }) {
    const source = typeof src === "string" ? src : undefined;
    if (isSameSiteUrl(source)) {
      // eslint-disable-next-line @next/next/no-img-element -- narrative images are the report's own, sized by the text
      return <img src={source} alt={alt ?? ""} title={title} loading="lazy" />;
    }
    const label = alt?.trim() || "图片";
    const href = source ? safeUrl(source) : "";
    return href ? (
      <a href={href} rel="nofollow noopener noreferrer" className="external-image">
        〔图片：{label}〕
      </a>
    ) : (
      <span className="external-image">〔图片：{label}〕</span>
    );
  },
  table({ node: _node, ...props }) {
    return (
      <div className="table-frame">
        <table className="narrative-table" {...props} />
      </div>
    );
  },
};

export function Markdown({ children, minHeadingLevel = 3 }: { children: string; minHeadingLevel?: HeadingLevel }): ReactNode {
  return (
    <ReactMarkdown
      remarkPlugins={[remarkGfm, remarkCjkFriendly]}
      skipHtml
      urlTransform={safeUrl}
      components={{ ...baseComponents, ...headingComponents(minHeadingLevel) }}
    >
      {children}
    </ReactMarkdown>
  );
}

"use client";
import NextLink from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * The app's `<Link>`: next/link that prefetches a page only when the reader reaches for its link
 * (pointer over it, a touch on it, or keyboard focus), not whenever the link is on screen.
 *
 * next/link's default prefetched every link in view: each page view made 7–16 requests that the
 * app answered by rendering those pages (the response cache and nginx answer documents, never
 * these), so a public page view that nginx serves in a millisecond still cost the app more than
 * the page itself. Prefetching on intent keeps a click's navigation fast and costs one request
 * per link the reader actually goes for. `prefetch={false}` still means never.
 */
export default function IntentLink({ prefetch, onMouseEnter, onTouchStart, onFocus, ...props }: ComponentProps<typeof NextLink>) {
  const [intent, setIntent] = useState(false);
  if (prefetch === false) return <NextLink prefetch={false} onMouseEnter={onMouseEnter} onTouchStart={onTouchStart} onFocus={onFocus} {...props} />;
  return (
    <NextLink
      {...props}
      // null: next/link's own choice, from the moment of intent (the link being in view, it prefetches then)
      prefetch={intent ? (prefetch ?? null) : false}
      onMouseEnter={(e) => {
        setIntent(true);
        onMouseEnter?.(e);
      }}
      onTouchStart={(e) => {
        setIntent(true);
        onTouchStart?.(e);
      }}
      onFocus={(e) => {
        setIntent(true);
        onFocus?.(e);
      }}
    />
  );
}

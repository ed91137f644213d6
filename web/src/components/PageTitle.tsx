import { useEffect, useRef, type ReactNode } from 'react';

/** The page's one h1; sets the document title and takes focus when the page opens (screen readers hear where they are). */
export function PageTitle({ children, title, sub }: { children: ReactNode; title: string; sub?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Vigil`;
  }, [title]);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <header className="page-title">
      <h1 ref={ref} tabIndex={-1}>{children}</h1>
      {sub && <div className="page-sub">{sub}</div>}
    </header>
  );
}

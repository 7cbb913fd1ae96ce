import { useEffect } from 'react';

const brand = 'CAPITUNE';

/**
 * Sets the tab title and the meta description of the current page. Pass translated strings: they change
 * with the language, and so does the document.
 */
export function usePageMeta(title: string, description?: string): void {
  useEffect(() => {
    document.title = title.includes(brand) ? title : `${title} · ${brand}`;
  }, [title]);

  useEffect(() => {
    if (!description) return;
    document.querySelector('meta[name="description"]')?.setAttribute('content', description);
  }, [description]);
}

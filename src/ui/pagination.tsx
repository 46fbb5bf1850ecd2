// Previous page / Page n of m / Next page, in a labelled nav. Pages count from 0; nothing is shown
// when everything fits on one page.
export interface PaginationProps {
  /** The nav's accessible name, for example "Pages of cases". */
  label: string;
  /** The page shown, from 0. */
  page: number;
  pageCount: number;
  onPageChange: (page: number) => void;
  className: string;
}

export function Pagination({ label, page, pageCount, onPageChange, className }: PaginationProps) {
  if (pageCount <= 1) return null;
  return (
    <nav className={className} aria-label={label}>
      <button
        type="button"
        className="button button--secondary"
        disabled={page === 0}
        onClick={() => onPageChange(page - 1)}
      >
        Previous page
      </button>
      <span>
        Page {page + 1} of {pageCount}
      </span>
      <button
        type="button"
        className="button button--secondary"
        disabled={page >= pageCount - 1}
        onClick={() => onPageChange(page + 1)}
      >
        Next page
      </button>
    </nav>
  );
}

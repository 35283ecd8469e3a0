import type { ReactNode } from 'react';
import type { PageId } from '../navigation/pages';

// Simple line icons drawn for this app on a 24-unit grid; they inherit the text colour.
const PATHS: Record<PageId, ReactNode> = {
  dashboard: (
    <>
      <rect x="3.5" y="3.5" width="7" height="9" rx="1.5" />
      <rect x="13.5" y="3.5" width="7" height="5" rx="1.5" />
      <rect x="13.5" y="11.5" width="7" height="9" rx="1.5" />
      <rect x="3.5" y="15.5" width="7" height="5" rx="1.5" />
    </>
  ),
  tasks: (
    <>
      <path d="M10 6.5h10M10 12h10M10 17.5h10" />
      <path d="M3.75 6.25l1.5 1.5 2.5-3M3.75 11.75l1.5 1.5 2.5-3" />
      <circle cx="5.5" cy="17.5" r="1.5" />
    </>
  ),
  files: (
    <>
      <path d="M6.5 4a.5.5 0 0 1 .5-.5h7l4.5 4.5v12a.5.5 0 0 1-.5.5H7a.5.5 0 0 1-.5-.5z" />
      <path d="M14 3.5V8h4.5M9.5 13h5M9.5 16.5h5" />
    </>
  ),
  git: (
    <>
      <circle cx="6.5" cy="5.5" r="2" />
      <circle cx="6.5" cy="18.5" r="2" />
      <circle cx="17.5" cy="7.5" r="2" />
      <path d="M6.5 7.5v9M17.5 9.5c0 4.5-5.5 4-10 7.5" />
    </>
  ),
  terminal: (
    <>
      <rect x="3" y="4.5" width="18" height="15" rx="2" />
      <path d="M7 9.5l3 2.5-3 2.5M12.5 15H17" />
    </>
  ),
  providers: (
    <>
      <rect x="7" y="7" width="10" height="10" rx="1.5" />
      <path d="M10 3.5V7M14 3.5V7M10 17v3.5M14 17v3.5M3.5 10H7M3.5 14H7M17 10h3.5M17 14h3.5" />
    </>
  ),
  plugins: <path d="M9 3.5v4M15 3.5v4M6.5 7.5h11v3a5.5 5.5 0 0 1-11 0zM12 16v4.5" />,
  browser: (
    <>
      <rect x="3" y="4.5" width="18" height="15" rx="2" />
      <path d="M3 9h18M6 6.75h.01M8.5 6.75h.01" />
    </>
  ),
  'computer-use': (
    <>
      <rect x="3" y="4" width="18" height="12" rx="2" />
      <path d="M8.5 20h7M12 16v4M10.5 7.5v5.5l1.6-1.4 1.3 2.4 1.1-.6-1.3-2.3 2.1-.2z" />
    </>
  ),
  'scheduled-tasks': (
    <>
      <circle cx="12" cy="12.5" r="8" />
      <path d="M12 8.5v4l2.75 1.75M9 2.75h6" />
    </>
  ),
  memory: (
    <>
      <ellipse cx="12" cy="6" rx="7.5" ry="2.5" />
      <path d="M4.5 6v6c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5V6M4.5 12v6c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5v-6" />
    </>
  ),
  'audit-log': (
    <>
      <path d="M12 3.5l7 2.5v5.5c0 4.3-2.9 7.6-7 9-4.1-1.4-7-4.7-7-9V6z" />
      <path d="M9 12l2.2 2.2L15.5 10" />
    </>
  ),
  cloud: <path d="M7.5 18.5H17a4 4 0 0 0 .6-7.95A5.5 5.5 0 0 0 7 9.6a4.5 4.5 0 0 0 .5 8.9z" />,
  extensions: (
    <>
      <rect x="4" y="4" width="7" height="7" rx="1.5" />
      <rect x="13" y="13" width="7" height="7" rx="1.5" />
      <rect x="4" y="13" width="7" height="7" rx="1.5" />
      <path d="M16.5 4v7M13 7.5h7" />
    </>
  ),
  settings: (
    <>
      <path d="M4 7h9M17 7h3M4 17h3M11 17h9" />
      <circle cx="15" cy="7" r="2" />
      <circle cx="9" cy="17" r="2" />
    </>
  ),
};

export function NavIcon({ id }: { id: PageId }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {PATHS[id]}
    </svg>
  );
}

/** A chevron pointing toward the inline end; CSS flips it in right-to-left layouts. */
export function ChevronIcon({ toward }: { toward: 'start' | 'end' }) {
  return (
    <svg className={`icon icon--sm icon--directional${toward === 'start' ? ' icon--toward-start' : ''}`} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M9.5 6l6 6-6 6" />
    </svg>
  );
}

export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect className="brand-mark__tile" width="32" height="32" rx="9" />
      <circle className="brand-mark__ring" cx="16" cy="16" r="8.5" />
      <circle className="brand-mark__core" cx="16" cy="16" r="3.25" />
    </svg>
  );
}

import type { ReactNode } from 'react';

export function EmptyState({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="empty-state" data-testid={testId}>
      {children}
    </p>
  );
}

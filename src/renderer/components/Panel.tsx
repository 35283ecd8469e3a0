import { useId, type ReactNode } from 'react';
import { classNames } from './class-names';

interface PanelProps {
  title: string;
  description?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled card that groups one part of a page; the title names the region for screen readers. */
export function Panel({ title, description, actions, children, className }: PanelProps) {
  const titleId = useId();
  return (
    <section className={classNames('panel', className)} aria-labelledby={titleId}>
      <header className="panel__header">
        <div className="panel__heading">
          <h2 className="panel__title" id={titleId}>
            {title}
          </h2>
          {description && <p className="panel__description">{description}</p>}
        </div>
        {actions && <div className="panel__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

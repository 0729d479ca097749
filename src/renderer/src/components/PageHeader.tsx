import type { ReactNode } from 'react';

interface PageHeaderProps {
  /** The heading's id, which names the screen's section (aria-labelledby). */
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ id, title, description, actions }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div>
        <h1 id={id}>{title}</h1>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

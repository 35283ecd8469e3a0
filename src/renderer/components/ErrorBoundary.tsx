import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './ErrorNotice';

interface ErrorBoundaryProps {
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: unknown;
  failed: boolean;
}

/** Keeps a crash in one page from blanking the whole window; the sidebar stays usable. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('page crashed', error, info.componentStack);
  }

  private readonly retry = () => this.setState({ error: null, failed: false });

  override render(): ReactNode {
    return this.state.failed ? <PageCrashed onRetry={this.retry} /> : this.props.children;
  }
}

function PageCrashed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <ErrorNotice error={null} title={t('errors.pageCrashed')} hint={t('errors.pageCrashedHint')} onRetry={onRetry} testId="page-crashed" />
    </div>
  );
}

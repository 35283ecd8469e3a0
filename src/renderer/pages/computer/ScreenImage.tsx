import type { ScreenImage as Image } from '../../../shared/computer';

/** A screenshot the host sent as data (base64 PNG): never a file URL, so the strict CSP's `img-src data:` is all it needs. */
export function ScreenImage({ image, alt, testId, className }: { image: Image; alt: string; testId?: string; className?: string }) {
  return <img className={className ?? 'screen-image'} src={`data:image/png;base64,${image.image}`} width={image.width} height={image.height} alt={alt} data-testid={testId} />;
}

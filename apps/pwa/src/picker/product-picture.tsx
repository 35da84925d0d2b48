import { useState } from 'react';
import { useMessages } from '../i18n/language';

/**
 * The product's picture on the pick card (M1.2), from the SKU's `imageUrl`, in a fixed square so
 * that it never moves the bin, the quantity or the name: the same square, empty, when the SKU has
 * no picture or it cannot be loaded (offline and not cached).
 */
export function ProductPicture({ url }: { url: string | null }) {
  const t = useMessages();
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  if (url === null || failedUrl === url)
    return (
      <span
        className="product-picture product-picture-missing"
        role="img"
        aria-label={t.pick.noPicture}
        data-testid="pick-picture"
        data-state="missing"
      />
    );
  return (
    <img
      key={url}
      className="product-picture"
      src={url}
      alt={t.pick.picture}
      width={64}
      height={64}
      decoding="async"
      referrerPolicy="no-referrer"
      data-testid="pick-picture"
      data-state="shown"
      onError={() => setFailedUrl(url)}
    />
  );
}

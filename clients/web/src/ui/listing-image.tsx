import { useState } from 'react';

/**
 * A listing photo, or a drawn placeholder when it cannot be loaded (offline, or the host is gone), so a grid never
 * shows broken-image icons.
 */
export function ListingImage({ image, title, className = '' }: { image: { url: string; alt: string } | undefined; title: string; className?: string }) {
  const [failed, setFailed] = useState(false);
  if (!image || failed) {
    const hue = [...title].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360;
    return (
      <div className={`listing-image placeholder ${className}`} style={{ background: `linear-gradient(135deg, hsl(${hue} 45% 86%), hsl(${(hue + 40) % 360} 50% 74%))` }} role="img" aria-label={image?.alt ?? title}>
        <span>{title.charAt(0)}</span>
      </div>
    );
  }
  return <img className={`listing-image ${className}`} src={image.url} alt={image.alt} loading="lazy" onError={() => setFailed(true)} />;
}

export function Avatar({ name, imageUrl, size = 36 }: { name: string; imageUrl?: string | null; size?: number }) {
  const [failed, setFailed] = useState(false);
  const style = { width: size, height: size, fontSize: size * 0.42 };
  if (!imageUrl || failed) {
    return (
      <span className="avatar" style={style} aria-hidden="true">
        {name.charAt(0)}
      </span>
    );
  }
  return <img className="avatar" style={style} src={imageUrl} alt="" onError={() => setFailed(true)} />;
}

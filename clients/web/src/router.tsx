import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// A few screens need no routing library: paths in the address bar, history.pushState, and one listener.
const NAVIGATED = 'threadly:navigated';

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
  window.scrollTo({ top: 0 });
}

export interface Location {
  path: string;
  params: URLSearchParams;
}

const readLocation = (): Location => ({ path: window.location.pathname, params: new URLSearchParams(window.location.search) });

export function useLocation(): Location {
  const [location, setLocation] = useState(readLocation);
  useEffect(() => {
    const changed = () => setLocation(readLocation());
    window.addEventListener('popstate', changed);
    window.addEventListener(NAVIGATED, changed);
    return () => {
      window.removeEventListener('popstate', changed);
      window.removeEventListener(NAVIGATED, changed);
    };
  }, []);
  return location;
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}

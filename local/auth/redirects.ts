// Where GoTrue lets an email link or OAuth flow send the user back to (its isRedirectURLValid):
// the site URL's scheme and host (any port on a loopback host, RFC 8252), any loopback IP, or a
// URL matching one of additional_redirect_urls as a glob where `*` stops at "." and "/" and `**`
// does not. Anything else falls back to the site URL.
import { isIP } from "node:net";

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

const isLoopbackIp = (hostname: string) => {
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (isIP(bare) === 4) return bare.startsWith("127.");
  return isIP(bare) === 6 && bare === "::1";
};

/** A glob of GoTrue's allow list (gobwas/glob with "." and "/" as separators) as a RegExp. */
export function globPattern(glob: string): RegExp {
  let source = "";
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index] ?? "";
    if (char === "*" && glob[index + 1] === "*") {
      source += ".*";
      index += 1;
    } else if (char === "*") source += "[^./]*";
    else if (char === "?") source += "[^./]";
    else source += char.replace(/[\\^$+?.()|[\]{}]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

export function isAllowedRedirect(requested: string, siteUrl: string, allowList: readonly string[]): boolean {
  let target: URL;
  let site: URL;
  try {
    target = new URL(requested);
    site = new URL(siteUrl);
  } catch {
    return false;
  }
  const sameSite = site.hostname === target.hostname && site.protocol === target.protocol;
  if (sameSite && (site.port === target.port || LOOPBACK_NAMES.has(target.hostname))) return true;
  if (isLoopbackIp(target.hostname)) return true;
  const withoutFragment = requested.split("#")[0] ?? requested;
  return allowList.some((glob) => globPattern(glob).test(withoutFragment));
}

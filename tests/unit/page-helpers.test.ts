// The pages' small rules: figures in words, one refetch per burst of changes, the site a URL
// selects, what a role may do, where a link may lead, and the live channels' combined state.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { debounce } from "@/lib/debounce";
import { directionOf, formatChange, formatTonnes, percentChange, timeAgo } from "@/lib/format";
import { safeNextPath, sameHostUrl, visibleNavItems, withSite } from "@/lib/navigation";
import { combinedStatus, createSiteChannelsStore, onlineMembers } from "@/lib/realtime/site-channels";
import { canDeleteDispatch, canEditRemarks, nextStatuses, type Actor } from "@/lib/roles";
import { selectedSite, siteScope } from "@/lib/site-selection";

describe("figures", () => {
  it("writes tonnes, changes and directions as the cards show them", () => {
    expect(formatTonnes(1234.56)).toBe("1,234.6 t");
    expect(formatChange(12.345)).toBe("+12.3%");
    expect(formatChange(-3)).toBe("−3%");
    expect(formatChange(0.01)).toBe("0%");
    expect(percentChange(0, 0)).toBe(0);
    expect(percentChange(5, 0)).toBe(100);
    expect(percentChange(50, 200)).toBe(-75);
    expect([directionOf(2), directionOf(-2), directionOf(0.01)]).toEqual(["up", "down", "flat"]);
  });

  it("says how long ago something happened", () => {
    const now = new Date("2026-11-22T12:00:00Z");
    expect(timeAgo("2026-11-22T11:59:40Z", now)).toBe("just now");
    expect(timeAgo("2026-11-22T11:55:00Z", now)).toBe("5 minutes ago");
    expect(timeAgo("2026-11-22T09:00:00Z", now)).toBe("3 hours ago");
    expect(timeAgo("2026-11-21T12:00:00Z", now)).toBe("yesterday");
  });
});

describe("debounce", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs once after a burst, and at least every maxWait while the burst lasts", () => {
    const work = vi.fn();
    const refresh = debounce(work, 100, 300);
    for (let tick = 0; tick < 5; tick += 1) {
      refresh();
      vi.advanceTimersByTime(50);
    }
    expect(work).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(100);
    expect(work).toHaveBeenCalledTimes(1);
    for (let tick = 0; tick < 10; tick += 1) {
      refresh();
      vi.advanceTimersByTime(60);
    }
    expect(work).toHaveBeenCalledTimes(3); // the stream of calls still refreshed every 300 ms
    refresh();
    refresh.cancel();
    vi.advanceTimersByTime(1_000);
    expect(work).toHaveBeenCalledTimes(3);
  });
});

describe("site selection", () => {
  const sites = [
    { id: "s1", code: "MNL-HUB" },
    { id: "s2", code: "QC-CDW" },
  ];

  it("selects the site the URL names, case-insensitively", () => {
    expect(selectedSite(sites, false, "qc-cdw")?.id).toBe("s2");
  });

  it("gives admins all sites, and everyone else their first, when the URL names none of theirs", () => {
    expect(selectedSite(sites, true, undefined)).toBeNull();
    expect(selectedSite(sites, true, "JKT-CDW")).toBeNull();
    expect(selectedSite(sites, false, "JKT-CDW")?.id).toBe("s1");
    expect(selectedSite([], false, null)).toBeNull();
    expect(siteScope(null)).toBeNull();
    expect(siteScope(sites[1] ?? null)).toEqual(["s2"]);
  });
});

describe("what a role may do with a dispatch", () => {
  const operator: Actor = { id: "u-op", isAdmin: false, memberships: [{ siteId: "s1", role: "operator" }] };
  const manager: Actor = { id: "u-mgr", isAdmin: false, memberships: [{ siteId: "s1", role: "manager" }] };
  const viewer: Actor = { id: "u-view", isAdmin: false, memberships: [{ siteId: "s1", role: "viewer" }] };
  const admin: Actor = { id: "u-admin", isAdmin: true, memberships: [] };
  const own = { site_id: "s1", created_by: "u-op", status: "pending" };

  it("follows the lifecycle: pending to ongoing or cancelled, ongoing to completed or cancelled, then nothing", () => {
    expect(nextStatuses(manager, own)).toEqual(["ongoing", "cancelled"]);
    expect(nextStatuses(manager, { ...own, status: "ongoing" })).toEqual(["completed", "cancelled"]);
    expect(nextStatuses(admin, { ...own, status: "completed" })).toEqual([]);
    expect(nextStatuses(manager, { ...own, status: "unknown" })).toEqual([]);
  });

  it("lets operators move only their own pending dispatches, viewers nothing, outsiders nothing", () => {
    expect(nextStatuses(operator, own)).toEqual(["ongoing", "cancelled"]);
    expect(nextStatuses(operator, { ...own, created_by: "someone" })).toEqual([]);
    expect(nextStatuses(operator, { ...own, status: "ongoing" })).toEqual([]);
    expect(nextStatuses(viewer, own)).toEqual([]);
    expect(nextStatuses(manager, { ...own, site_id: "s2" })).toEqual([]);
    expect(canEditRemarks(operator, own)).toBe(true);
    expect(canEditRemarks(viewer, own)).toBe(false);
  });

  it("lets only managers and admins delete", () => {
    expect([operator, manager, viewer, admin].map((actor) => canDeleteDispatch(actor, own))).toEqual([false, true, false, true]);
  });
});

describe("navigation", () => {
  it("shows Sheets sync and Sites to managers and admins only", () => {
    const labels = (isAdmin: boolean, manages: boolean) => visibleNavItems(isAdmin, manages).map((item) => item.label);
    expect(labels(false, false)).not.toContain("Sheets sync");
    expect(labels(false, false)).not.toContain("Sites");
    expect(labels(false, true)).toEqual(expect.arrayContaining(["Sheets sync", "Sites"]));
    expect(labels(true, false)).toEqual(expect.arrayContaining(["Sheets sync", "Sites"]));
  });

  it("returns after sign-in only to paths inside the app", () => {
    expect(safeNextPath("/dispatch?status=pending")).toBe("/dispatch?status=pending");
    for (const hostile of ["https://evil.example", "//evil.example", "/\\evil.example", "/api/dispatch", "", null]) expect(safeNextPath(hostile)).toBe("/dashboard");
  });

  it("keeps the site in links and the browser's host in redirects", () => {
    expect(withSite("/dispatch", "QC-CDW")).toBe("/dispatch?site=QC-CDW");
    expect(withSite("/dispatch", null)).toBe("/dispatch");
    const request = { url: "http://localhost:3000/auth/confirm", headers: new Headers({ host: "127.0.0.1:3000" }) };
    expect(sameHostUrl(request, "/reset-password").href).toBe("http://127.0.0.1:3000/reset-password");
    const proxied = { url: "http://10.0.0.5:3000/x", headers: new Headers({ host: "10.0.0.5:3000", "x-forwarded-host": "desk.example.com", "x-forwarded-proto": "https" }) };
    expect(sameHostUrl(proxied, "/login").href).toBe("https://desk.example.com/login");
  });
});

describe("site channels", () => {
  it("reports the worst status of the sites in view, idle when there are none", () => {
    expect(combinedStatus([])).toBe("idle");
    expect(combinedStatus(["connected", "connected"])).toBe("connected");
    expect(combinedStatus(["connected", "reconnecting", "connecting"])).toBe("reconnecting");
    expect(combinedStatus(["offline", "reconnecting"])).toBe("offline");
  });

  it("lists each person online once, by name", () => {
    const members = onlineMembers([
      { u2: [{ name: "Vera Viewer", opsId: "OPS-VWR01" }], u1: [{ name: "Mona Manager", opsId: "OPS-MGR01" }] },
      { u1: [{ name: "Mona Manager", opsId: "OPS-MGR01" }], u3: [{ opsId: "OPS-X" }] },
    ]);
    expect(members.map((member) => member.name)).toEqual(["Mona Manager", "OPS-X", "Vera Viewer"]);
  });

  it("hands messages and joins to every listener, and keeps snapshots stable until something changes", () => {
    const store = createSiteChannelsStore();
    const seen: string[] = [];
    const stop = store.subscribe({ onMessage: (message) => seen.push(`message ${message.latest_id}`), onJoined: (resumed) => seen.push(`joined ${resumed}`) });
    const watched = vi.fn();
    store.watch(watched);
    store.message({ site_id: "s1", count: 1, latest_id: 7, entries: [] });
    store.joined(true);
    store.setStatus("s1", "connected");
    const before = store.online();
    store.setStatus("s1", "connected"); // no change, no notification
    expect(store.online()).toBe(before);
    store.setStatus("s2", "reconnecting");
    expect(store.status()).toBe("reconnecting");
    store.remove("s2");
    expect(store.status()).toBe("connected");
    stop();
    store.joined(false);
    expect(seen).toEqual(["message 7", "joined true"]);
    expect(watched).toHaveBeenCalledTimes(3);
  });

  it("tells a listener that subscribes after the join at once, so it catches up on what it missed", () => {
    const store = createSiteChannelsStore();
    const early: boolean[] = [];
    store.subscribe({ onJoined: (resumed) => early.push(resumed) });
    const late: boolean[] = [];
    store.subscribe({ onJoined: (resumed) => late.push(resumed) }); // before the first join: nothing yet
    expect(late).toEqual([]);
    store.joined(false);
    const afterJoin: boolean[] = [];
    store.subscribe({ onJoined: (resumed) => afterJoin.push(resumed) }); // a section streamed in later
    expect(afterJoin).toEqual([false]);
    store.joined(true);
    expect(early).toEqual([false, true]);
    expect(afterJoin).toEqual([false, true]);
  });
});

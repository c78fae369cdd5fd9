"use client";

import { useEffect, useState } from "react";
import { useRealtime } from "@/hooks/use-realtime";
import { SiteChannelsContext } from "@/hooks/use-site-activity";
import { createSiteChannelsStore, type SiteChannelsStore } from "@/lib/realtime/site-channels";
import { activityMessageSchema } from "@/lib/validations/activity";

interface Me {
  id: string;
  name: string;
  opsId: string;
}

/** Joins the private channel of each site in view (RLS admits only its members) and shares it. */
export function SiteChannelsProvider({ siteIds, me, children }: { siteIds: readonly string[]; me: Me; children: React.ReactNode }) {
  const [store] = useState(createSiteChannelsStore);
  return (
    <SiteChannelsContext value={store}>
      {siteIds.map((siteId) => (
        <SiteChannel key={siteId} siteId={siteId} me={me} store={store} />
      ))}
      {children}
    </SiteChannelsContext>
  );
}

function SiteChannel({ siteId, me, store }: { siteId: string; me: Me; store: SiteChannelsStore }) {
  const status = useRealtime({
    topic: `site:${siteId}`,
    shared: true,
    isPrivate: true,
    broadcastEvents: ["activity"],
    onBroadcast: (_event, payload) => {
      const message = activityMessageSchema.safeParse(payload);
      if (message.success) store.message(message.data);
    },
    presence: { key: me.id, state: { name: me.name, opsId: me.opsId } },
    onPresence: (state) => store.setPresence(siteId, state),
    onJoined: (resumed) => store.joined(resumed),
  });
  useEffect(() => store.setStatus(siteId, status), [store, siteId, status]);
  useEffect(() => () => store.remove(siteId), [store, siteId]);
  return null;
}

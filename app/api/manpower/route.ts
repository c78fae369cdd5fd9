import { manpowerLogRoutes } from "@/lib/api/log-routes";

export const { GET, POST } = manpowerLogRoutes;

import { receivedRoutes } from "@/lib/api/log-routes";

export const { GET, POST } = receivedRoutes;

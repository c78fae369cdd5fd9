import { receivedRoutes } from "@/lib/api/log-routes";

export const { PATCH, DELETE } = receivedRoutes;

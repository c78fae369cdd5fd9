import { manpowerLogRoutes } from "@/lib/api/log-routes";

export const { PATCH, DELETE } = manpowerLogRoutes;

import { manpowerLogRoutes } from "@/lib/api/log-routes";
import { otherMethods } from "@/lib/api/methods";

export const { GET, POST } = manpowerLogRoutes;

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");

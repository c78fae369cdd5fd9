import { manpowerLogRoutes } from "@/lib/api/log-routes";
import { otherMethods } from "@/lib/api/methods";

export const { PATCH, DELETE } = manpowerLogRoutes;

export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");

import { equipmentLogRoutes } from "@/lib/api/log-routes";
import { otherMethods } from "@/lib/api/methods";

export const { GET, POST } = equipmentLogRoutes;

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");

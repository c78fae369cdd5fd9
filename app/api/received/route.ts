import { receivedRoutes } from "@/lib/api/log-routes";
import { otherMethods } from "@/lib/api/methods";

export const { GET, POST } = receivedRoutes;

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");

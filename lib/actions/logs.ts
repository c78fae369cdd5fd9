// Server actions for the site logs and dispatches, on the same queries as the API routes.
import "server-only";
import { runAction, type ActionResult } from "@/lib/actions/run";
import { createDispatches, deleteDispatch, updateDispatch } from "@/lib/queries/dispatch";
import { createLogRow, deleteLogRow, updateLogRow, type LogModule } from "@/lib/queries/logs";
import { singleDispatchSchema, updateDispatchSchema } from "@/lib/validations/dispatch";
import { idParamsSchema } from "@/lib/validations/params";

const pagesOf = (page: string) => ["/dashboard", page];

export function createLog(module: LogModule, data: unknown): Promise<ActionResult> {
  return runAction(pagesOf(module.page), async (supabase) => ({
    [module.actionKey]: await createLogRow(supabase, module, module.schema.parse(data) as Record<string, unknown>),
  }));
}

export function updateLog(module: LogModule, id: string, data: unknown): Promise<ActionResult> {
  return runAction(pagesOf(module.page), async (supabase) => {
    const { id: rowId } = idParamsSchema.parse({ id });
    const patch = module.schema.partial().omit({ siteId: true } as never).parse(data) as Record<string, unknown>;
    return { [module.actionKey]: await updateLogRow(supabase, module, rowId, patch) };
  });
}

export function deleteLog(module: LogModule, id: string): Promise<ActionResult> {
  return runAction(pagesOf(module.page), async (supabase) => {
    await deleteLogRow(supabase, module, idParamsSchema.parse({ id }).id);
    return {};
  });
}

const DISPATCH_PAGE = "/dashboard/dispatch";

export function createDispatchAction(data: unknown): Promise<ActionResult> {
  return runAction(pagesOf(DISPATCH_PAGE), async (supabase) => {
    const [dispatch] = await createDispatches(supabase, [singleDispatchSchema.parse(data)]);
    return { dispatch };
  });
}

export function updateDispatchAction(id: string, data: unknown): Promise<ActionResult> {
  return runAction(pagesOf(DISPATCH_PAGE), async (supabase) => ({
    dispatch: await updateDispatch(supabase, idParamsSchema.parse({ id }).id, updateDispatchSchema.parse(data)),
  }));
}

export function deleteDispatchAction(id: string): Promise<ActionResult> {
  return runAction(pagesOf(DISPATCH_PAGE), async (supabase) => {
    await deleteDispatch(supabase, idParamsSchema.parse({ id }).id);
    return {};
  });
}

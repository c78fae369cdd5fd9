// Server actions for the site logs and dispatches, on the same queries and schemas as the API.
// Each app/actions/<verb>-<resource>.ts names its result: (row) => ({ production: row }).
import "server-only";
import { runAction, type ActionResult } from "@/lib/actions/run";
import type { CamelKeys } from "@/lib/case";
import { internalError } from "@/lib/errors";
import { LOG_PAGES, PAGES } from "@/lib/navigation";
import { createDispatches, deleteDispatch, readDispatch, updateDispatch } from "@/lib/queries/dispatch";
import type { LogModule, LogTableName } from "@/lib/queries/log-modules";
import { createLogRow, deleteLogRow, updateLogRow } from "@/lib/queries/logs";
import { syncSheetsAfterResponse } from "@/lib/sheets/sync";
import { singleDispatchSchema, updateDispatchSchema } from "@/lib/validations/dispatch";
import { idParamsSchema } from "@/lib/validations/params";

const pagesOf = (page: string) => [PAGES.dashboard, page];

export function createLog<Table extends LogTableName, Row, Insert, Data extends object>(
  module: LogModule<Table, Row, Insert>,
  data: unknown,
  named: (row: CamelKeys<Row>) => Data,
): Promise<ActionResult<Data>> {
  return runAction(`create ${module.table}`, pagesOf(LOG_PAGES[module.table]), async (supabase) =>
    named(await createLogRow(supabase, module, module.createSchema.parse(data))),
  );
}

export function updateLog<Table extends LogTableName, Row, Update, Data extends object>(
  module: LogModule<Table, Row, unknown, Update>,
  id: string,
  data: unknown,
  named: (row: CamelKeys<Row>) => Data,
): Promise<ActionResult<Data>> {
  return runAction(`update ${module.table}`, pagesOf(LOG_PAGES[module.table]), async (supabase) =>
    named(await updateLogRow(supabase, module, idParamsSchema.parse({ id }).id, module.updateSchema.parse(data))),
  );
}

export function deleteLog(module: LogModule, id: string): Promise<ActionResult> {
  return runAction(`delete ${module.table}`, pagesOf(LOG_PAGES[module.table]), async (supabase) => {
    await deleteLogRow(supabase, module, idParamsSchema.parse({ id }).id);
    return {};
  });
}

const DISPATCH_PAGES = pagesOf(PAGES.dispatch);

export function createDispatchAction(data: unknown) {
  return runAction("create dispatch", DISPATCH_PAGES, async (supabase) => {
    const [created] = await createDispatches(supabase, [singleDispatchSchema.parse(data)]);
    if (!created) throw internalError({ label: "The dispatch", reason: "create_dispatch_batch answered no row" });
    syncSheetsAfterResponse();
    return { dispatch: await readDispatch(supabase, created.id) };
  });
}

export function updateDispatchAction(id: string, data: unknown) {
  return runAction("update dispatch", DISPATCH_PAGES, async (supabase) => {
    const dispatchId = idParamsSchema.parse({ id }).id;
    await updateDispatch(supabase, dispatchId, updateDispatchSchema.parse(data));
    syncSheetsAfterResponse();
    return { dispatch: await readDispatch(supabase, dispatchId) };
  });
}

export function deleteDispatchAction(id: string): Promise<ActionResult> {
  return runAction("delete dispatch", DISPATCH_PAGES, async (supabase) => {
    await deleteDispatch(supabase, idParamsSchema.parse({ id }).id);
    syncSheetsAfterResponse();
    return {};
  });
}

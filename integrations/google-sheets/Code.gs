/**
 * DeskOps ↔ Google Sheets. Deployed as a web app bound to the spreadsheet (README.md here).
 *
 * DeskOps → sheet: doPost receives batches of dispatch events from DeskOps's Edge Function
 * `google-sheets`, applies each as an upsert keyed by the dispatch id (insert a row, update it in
 * place, delete it) and answers with the ids of the events applied. Events it has applied before
 * (the row's "Sync Seq" is at or past the event's seq) are acknowledged again without a change,
 * so a retried batch changes nothing twice.
 *
 * Sheet → DeskOps: onSheetEdit (an installable "On edit" trigger) sends a Status or Remarks edit
 * to DeskOps, which applies it through the same rules as the app; a refused edit, and an edit to
 * every other column, is put back with a note saying why.
 *
 * Every request either way is signed: HMAC-SHA256 of `${ts}.${body}` with the shared secret, hex,
 * with ts (Unix seconds) and the signature in the query string, because a web app cannot read
 * request headers. A request more than 5 minutes from now, or one already seen, is refused.
 *
 * Script properties: WEBHOOK_SECRET (the same value as DeskOps's GOOGLE_SHEETS_WEBHOOK_SECRET),
 * DESKOPS_WEBHOOK_URL (https://<your DeskOps>/api/webhooks/google-sheets) for edits.
 */

var HEADERS = ['ID', 'Created At', 'Cluster', 'Processor', 'Station', 'Region', 'Dock Number',
  'LH Trip', 'Plate Number', 'Fleet Size', 'Status', 'Remarks', 'User ID', 'Sync Seq'];
var FIELDS = ['id', 'created_at', 'cluster', 'processor', 'station', 'region', 'dock_number',
  'lh_trip', 'plate_number', 'fleet_size', 'status', 'remarks', 'user_id'];
var SEQ_COLUMN = HEADERS.length;
var EDITABLE = { 'Status': 'status', 'Remarks': 'remarks' };
var DEFAULT_SHEET = 'Dispatch Reports';
var MAX_AGE_SECONDS = 300;
var SIGNATURE_PREFIX = 'sig:';
var LOCK_WAIT_MS = 30000;

function doPost(e) {
  var body = e.postData ? e.postData.contents : '';
  var params = e.parameter || {};
  var problem = signatureProblem_(params.ts, params.sig, body);
  if (problem) return json_({ error: problem });
  // One batch at a time: two executions must not both append the same dispatch.
  var lock = LockService.getScriptLock();
  lock.waitLock(LOCK_WAIT_MS);
  try {
    if (!rememberSignature_(String(params.sig).toLowerCase())) return json_({ error: 'This signed request was already received' });
    var request = JSON.parse(body);
    var sheet = sheetNamed_(request.sheet || DEFAULT_SHEET);
    if (request.action === 'apply') return json_(applyEvents_(sheet, request.events || []));
    if (request.action === 'snapshot') return json_({ rows: snapshot_(sheet) });
    return json_({ error: 'Unknown action: ' + request.action });
  } finally {
    lock.releaseLock();
  }
}

/** Applies events in order; an event that fails stops the later events of its dispatch. */
function applyEvents_(sheet, events) {
  var lastRow = sheet.getLastRow();
  var rows = lastRow > 1 ? sheet.getRange(2, 1, lastRow - 1, HEADERS.length).getValues() : [];
  var existing = rows.length;
  var indexOf = {};
  var changed = {};
  var removed = {};
  // One row per dispatch: a copy (pasted, or left by a hand edit) goes with the next batch.
  rows.forEach(function (row, index) {
    if (indexOf[row[0]] === undefined) indexOf[row[0]] = index;
    else removed[index] = true;
  });
  var applied = [];
  var failed = [];
  var blocked = {};

  events.forEach(function (event) {
    var id = event.dispatch && event.dispatch.id;
    if (!id || blocked[id]) {
      failed.push({ id: event.id, error: id ? 'An earlier event of this dispatch failed' : 'The event names no dispatch' });
      return;
    }
    try {
      var index = indexOf[id];
      if (index !== undefined && Number(rows[index][SEQ_COLUMN - 1]) >= event.seq) {
        applied.push(event.id);
        return;
      }
      if (event.action === 'delete') {
        if (index !== undefined) removed[index] = true;
        delete indexOf[id];
      } else if (event.action === 'insert' || event.action === 'update') {
        var row = rowOf_(event.dispatch, event.seq);
        if (index === undefined) {
          indexOf[id] = rows.length;
          rows.push(row);
        } else {
          rows[index] = row;
          changed[index] = true;
        }
      } else {
        throw new Error('Unknown action ' + event.action);
      }
      applied.push(event.id);
    } catch (error) {
      blocked[id] = true;
      failed.push({ id: event.id, error: String(error && error.message || error) });
    }
  });

  writeChanges_(sheet, rows, existing, changed, removed);
  return { applied: applied, failed: failed };
}

/** Updates in place, then new rows in one block, then deletions from the bottom up. */
function writeChanges_(sheet, rows, existing, changed, removed) {
  if (sheet.getLastRow() === 0) sheet.getRange(1, 1, 1, HEADERS.length).setValues([HEADERS]);
  Object.keys(changed).forEach(function (key) {
    var index = Number(key);
    if (!removed[index]) sheet.getRange(index + 2, 1, 1, HEADERS.length).setValues([rows[index]]);
  });
  var added = [];
  for (var index = existing; index < rows.length; index++) {
    if (!removed[index]) added.push(rows[index]);
  }
  if (added.length > 0) sheet.getRange(existing + 2, 1, added.length, HEADERS.length).setValues(added);
  Object.keys(removed).map(Number).filter(function (index) { return index < existing; })
    .sort(function (a, b) { return b - a; })
    .forEach(function (index) { sheet.deleteRow(index + 2); });
}

function rowOf_(dispatch, seq) {
  var row = FIELDS.map(function (field) {
    var value = dispatch[field];
    if (value === null || value === undefined) return '';
    return field === 'created_at' ? new Date(value) : value;
  });
  row.push(seq);
  return row;
}

/** Every row as DeskOps compares it: the fields by name, dates as ISO text. */
function snapshot_(sheet) {
  var lastRow = sheet.getLastRow();
  if (lastRow < 2) return [];
  return sheet.getRange(2, 1, lastRow - 1, HEADERS.length).getValues().map(function (row) {
    var record = {};
    FIELDS.forEach(function (field, index) {
      var value = row[index];
      record[field] = value instanceof Date ? value.toISOString() : value;
    });
    record.seq = Number(row[SEQ_COLUMN - 1]) || 0;
    return record;
  });
}

/** The installable trigger (Triggers → Add trigger → onSheetEdit, From spreadsheet, On edit). */
function onSheetEdit(e) {
  var sheet = e.range.getSheet();
  if (sheet.getName() !== DEFAULT_SHEET) return;
  if (e.range.getNumRows() !== 1 || e.range.getNumColumns() !== 1) {
    e.range.setNote('DeskOps takes edits one cell at a time; this paste was not sent. Undo it (Ctrl+Z).');
    return;
  }
  var column = HEADERS[e.range.getColumn() - 1];
  var previous = e.oldValue === undefined ? '' : e.oldValue;
  if (e.range.getRow() === 1 || !EDITABLE[column]) {
    revert_(e.range, previous, 'DeskOps owns this column: change it in DeskOps and the sheet follows.');
    return;
  }
  var dispatchId = sheet.getRange(e.range.getRow(), 1).getValue();
  var body = JSON.stringify({ edit: { dispatchId: dispatchId, field: EDITABLE[column], value: e.value === undefined ? '' : e.value } });
  var answer = sendToDeskOps_(body);
  if (answer.ok) {
    e.range.clearNote();
  } else {
    revert_(e.range, previous, answer.message);
  }
}

function sendToDeskOps_(body) {
  var url = PropertiesService.getScriptProperties().getProperty('DESKOPS_WEBHOOK_URL');
  if (!url) return { ok: false, message: 'DESKOPS_WEBHOOK_URL is not set in the script properties.' };
  var ts = Math.floor(Date.now() / 1000);
  var query = 'ts=' + ts + '&sig=' + hmacHex_(ts + '.' + body);
  var response = UrlFetchApp.fetch(url + (url.indexOf('?') < 0 ? '?' : '&') + query, {
    method: 'post', contentType: 'application/json', payload: body, muteHttpExceptions: true,
  });
  var answer = {};
  try {
    answer = JSON.parse(response.getContentText());
  } catch (error) {
    answer = {};
  }
  var code = response.getResponseCode();
  if (code >= 200 && code < 300 && answer.applied) return { ok: true };
  return { ok: false, message: answer.message || ('DeskOps answered ' + code + '; the edit was not saved.') };
}

function revert_(range, previous, note) {
  range.setValue(previous);
  range.setNote(note);
}

function sheetNamed_(name) {
  var spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  return spreadsheet.getSheetByName(name) || spreadsheet.insertSheet(name);
}

function signatureProblem_(ts, sig, body) {
  var secret = PropertiesService.getScriptProperties().getProperty('WEBHOOK_SECRET');
  if (!secret) return 'WEBHOOK_SECRET is not set in the script properties';
  if (!ts || !sig) return 'The request is not signed';
  if (Math.abs(Math.floor(Date.now() / 1000) - Number(ts)) > MAX_AGE_SECONDS) return 'The signature has expired';
  return timingSafeEqual_(hmacHex_(ts + '.' + body, secret), String(sig).toLowerCase()) ? null : 'The signature does not match';
}

function hmacHex_(value, secret) {
  var key = secret || PropertiesService.getScriptProperties().getProperty('WEBHOOK_SECRET');
  // Apps Script returns Java's signed bytes (-128..127).
  return Utilities.computeHmacSha256Signature(value, key).map(function (byte) {
    return ('0' + ((byte + 256) % 256).toString(16)).slice(-2);
  }).join('');
}

/** Looks at every character whatever the first difference, so timing reveals nothing. */
function timingSafeEqual_(a, b) {
  var difference = a.length ^ b.length;
  for (var index = 0; index < Math.max(a.length, b.length); index++) {
    difference |= (a.charCodeAt(index) || 0) ^ (b.charCodeAt(index) || 0);
  }
  return difference === 0;
}

/** False when the signature was seen in the last minutes; forgets the ones past the window. */
function rememberSignature_(sig) {
  var properties = PropertiesService.getScriptProperties();
  var now = Math.floor(Date.now() / 1000);
  var all = properties.getProperties();
  Object.keys(all).forEach(function (key) {
    if (key.indexOf(SIGNATURE_PREFIX) === 0 && now - Number(all[key]) > 2 * MAX_AGE_SECONDS) properties.deleteProperty(key);
  });
  if (all[SIGNATURE_PREFIX + sig]) return false;
  properties.setProperty(SIGNATURE_PREFIX + sig, String(now));
  return true;
}

function json_(value) {
  return ContentService.createTextOutput(JSON.stringify(value)).setMimeType(ContentService.MimeType.JSON);
}

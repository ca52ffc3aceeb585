// sheetx records: everything of the records library in one include.
//   sheetx/record.h        the record types and the sheet's key (sheet_id)
//   sheetx/record_json.h   a record -> its JSON document
//   sheetx/record_csv.h    documents -> the portal's CSV tables and datapackage.json
//   sheetx/record_files.h  files written whole or not at all
// Field names and conventions: docs/records.md.
#pragma once

#include "sheetx/record.h"
#include "sheetx/record_csv.h"
#include "sheetx/record_files.h"
#include "sheetx/record_json.h"

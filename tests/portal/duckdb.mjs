// Loads a folder of sheetx's CSV tables into DuckDB as a data team would, and checks the types:
// each table read with DuckDB's own type inference (only the municipality code and the project
// code named as text, as docs/records.md tells loaders to: DuckDB reads 02-12-003 as a date)
// must give every column the type datapackage.json declares
// (integer: an integer type; number: a numeric type; boolean; string: VARCHAR), and read with
// every declared type it must load whole. Usage: node duckdb.mjs DIR. Prints "TABLE ROWS" per
// table; exits 1 listing each column whose type differs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const kDuckType = { integer: 'BIGINT', number: 'DOUBLE', boolean: 'BOOLEAN', string: 'VARCHAR' };
const kInferred = {
  integer: ['BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'HUGEINT'],
  number: ['DOUBLE', 'FLOAT', 'BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'HUGEINT'],  // 4600 is a number too
  boolean: ['BOOLEAN'],
  string: ['VARCHAR'],
};
const kTextCodes = ['全国地方公共団体コード', 'project_code'];
const sql = (text) => `'${text.replaceAll("'", "''")}'`;
const struct = (entries) => `{${entries.map(([name, type]) => `${sql(name)}: ${sql(type)}`).join(', ')}}`;

const dir = process.argv[2];
const dataPackage = JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8'));
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
const problems = [];
for (const resource of dataPackage.resources) {
  const file = sql(path.join(dir, resource.path));
  const fields = resource.schema.fields;
  // Inferred: only the codes are named, as the loaders in docs/records.md do.
  const named = kTextCodes.filter((code) => fields.some((f) => f.name === code)).map((code) => [code, 'VARCHAR']);
  const inferred = await connection.runAndReadAll(
    `DESCRIBE SELECT * FROM read_csv(${file}, header = true, types = ${struct(named)})`);
  const types = Object.fromEntries(inferred.getRowObjectsJS().map((row) => [row.column_name, row.column_type]));
  for (const field of fields) {
    const empty = await connection.runAndReadAll(
      `SELECT count(*) AS n FROM read_csv(${file}, header = true, all_varchar = true) WHERE "${field.name}" IS NOT NULL`);
    if (Number(empty.getRowObjectsJS()[0].n) === 0) continue;  // nothing to infer a type from
    if (!kInferred[field.type].includes(types[field.name]))
      problems.push(`${resource.name}.${field.name}: declared ${field.type}, DuckDB infers ${types[field.name]}`);
  }
  // Declared: every cell must cast to its declared type.
  const columns = struct(fields.map((f) => [f.name, kDuckType[f.type]]));
  await connection.run(`CREATE TABLE ${resource.name} AS SELECT * FROM read_csv(${file}, header = true, columns = ${columns})`);
  const count = await connection.runAndReadAll(`SELECT count(*) AS n FROM ${resource.name}`);
  console.log(`${resource.name} ${count.getRowObjectsJS()[0].n}`);
}
if (problems.length) {
  console.error('duckdb: ' + problems.join('\nduckdb: '));
  process.exit(1);
}

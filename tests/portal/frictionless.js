// Validates a folder of sheetx's CSV tables with the Frictionless Data libraries: the package
// descriptor (datapackage), each table schema (tableschema), every cell's type, each table's
// primary key and its foreign keys. Usage: node frictionless.js DIR. Prints "TABLE ROWS" per table; exits 1 with the
// errors when anything does not hold.
const path = require('path');
const { Package } = require('datapackage');
const tableschema = require('tableschema');

async function main(dir) {
  const dataPackage = await Package.load(path.join(dir, 'datapackage.json'), { strict: false });
  if (!dataPackage.valid) throw new Error('invalid package: ' + dataPackage.errors.join('; '));
  for (const resource of dataPackage.resources) {
    if (!resource.tabular) throw new Error(`${resource.name}: not a tabular resource`);
    const schema = await tableschema.validate(resource.descriptor.schema);
    if (!schema.valid) throw new Error(`${resource.name}: invalid table schema: ${schema.errors.join('; ')}`);
    if (!resource.schema.primaryKey.length) throw new Error(`${resource.name}: no primary key`);
    // cast: every cell to its declared type; relations: every foreign key resolves; the table
    // reader also refuses a repeated primary key.
    const rows = await resource.read({ cast: true, relations: true });
    console.log(`${resource.name} ${rows.length}`);
  }
}

main(process.argv[2]).catch((error) => {
  const details = (error.errors || []).map((e) => '\n  ' + e.message).join('');
  console.error(`frictionless: ${error.message}${details}`);
  process.exit(1);
});

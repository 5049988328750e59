// npm runs scripts with node_modules/.bin first on PATH, where the `node` devDependency puts Node 22:
// the Lambda runtime (nodejs22.x). Fail early if that did not happen (e.g. `npm ci` skipped its install script).
const major = Number(process.versions.node.split('.')[0]);
if (major !== 22) {
  console.error(
    `ocop-sync needs Node 22 (the Lambda runtime); this is ${process.version}. Run \`npm ci\` first.`,
  );
  process.exit(1);
}
console.log(`node ${process.version}`);

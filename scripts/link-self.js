// Links node_modules/pulumi-adobe-umapi to this checkout, so that Pulumi programs inside the repo
// (the root program, examples/, test fixtures) resolve the provider implementation by package name,
// exactly as a user's project does after `npm install pulumi-adobe-umapi`. The dynamic provider's
// serialized closure requires the package by name at call time (see README "Design notes").
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-adobe-umapi");
try {
  const st = fs.lstatSync(link);
  if (st.isSymbolicLink() && fs.realpathSync(link) === root) process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {}
fs.mkdirSync(path.dirname(link), { recursive: true });
fs.symlinkSync(root, link, "dir");

// Copies the pinned npm packages' distributable files into the package's ignored vendor folder,
// so pages load every asset from our own origin (intranets have no internet).
import { cpSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vendor = join(root, "src", "concentric", "static", "vendor");
const files = [
  ["bootstrap/dist/css/bootstrap.min.css", "bootstrap/bootstrap.min.css"],
  ["bootstrap/dist/js/bootstrap.bundle.min.js", "bootstrap/bootstrap.bundle.min.js"],
  ["bootstrap-icons/font/bootstrap-icons.min.css", "bootstrap-icons/bootstrap-icons.min.css"],
  ["bootstrap-icons/font/fonts", "bootstrap-icons/fonts"],
  ["htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
  ["@wangeditor/editor/dist/index.js", "wangeditor/index.js"],
  ["@wangeditor/editor/dist/css/style.css", "wangeditor/style.css"],
  ["echarts/dist/echarts.min.js", "echarts/echarts.min.js"],
];

rmSync(vendor, { recursive: true, force: true });
for (const [from, to] of files) {
  const source = join(root, "node_modules", from);
  if (!existsSync(source)) throw new Error(`missing ${source}: run npm ci first`);
  mkdirSync(dirname(join(vendor, to)), { recursive: true });
  cpSync(source, join(vendor, to), { recursive: true });
}
console.log(`vendor assets copied to ${vendor}`);

// Open each review page in headless Chromium and check what a reader
// would meet: no console error, no script error, no request for
// anything but the page itself (it stands alone), a screenshot that is
// not empty, and a print version without the contents list.
//
// usage: node check.mjs CHROMIUM OUT_DIR PAGE.html...
// Writes OUT_DIR/NAME.png (the whole page) and OUT_DIR/NAME.pdf (as
// printed); prints one line per problem and exits 1 when there is any.
import { chromium } from "playwright-core";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";

const [executablePath, outDir, ...pages] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu"],
});
let problems = 0;
const problem = (page, what) => {
  console.log(`FAIL: ${page}: ${what}`);
  problems++;
};

for (const path of pages) {
  const name = basename(path, ".html");
  const url = pathToFileURL(path).href;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning")
      problem(name, `console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problem(name, `script error: ${e.message}`));
  page.on("request", (r) => {
    if (r.url() !== url && !r.url().startsWith("data:"))
      problem(name, `fetches ${r.url()}: the page must stand alone`);
  });
  await page.goto(url, { waitUntil: "load" });
  const png = await page.screenshot({ path: `${outDir}/${name}.png`, fullPage: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (png.length < 20000 || height < 600)
    problem(name, `screenshot of ${png.length} bytes, page ${height} px high: empty?`);
  const h1 = await page.evaluate(() => {
    const h = document.querySelector("h1");
    return h ? h.getBoundingClientRect().height : 0;
  });
  if (!h1) problem(name, "no visible <h1>");
  // Every mark carries its value in a tooltip, and looks different from
  // the text around it by more than colour: a border.
  const bare = await page.evaluate(() =>
    [...document.querySelectorAll("mark.m")].filter((m) => {
      const s = getComputedStyle(m);
      const lines = ["Top", "Right", "Bottom", "Left"].some(
        (k) => s[`border${k}Style`] !== "none" && parseFloat(s[`border${k}Width`]) > 0);
      return !m.title || !lines;
    }).length);
  if (bare) problem(name, `${bare} marks without a title or a border`);
  await page.emulateMedia({ media: "print" });
  const toc = await page.evaluate(() => {
    const nav = document.querySelector("nav.toc");
    return nav ? getComputedStyle(nav).display : "none";
  });
  if (toc !== "none") problem(name, "the contents list is printed");
  const pdf = await page.pdf({ path: `${outDir}/${name}.pdf`, format: "A4" });
  if (pdf.length < 5000 || pdf.subarray(0, 5).toString() !== "%PDF-")
    problem(name, `printed to ${pdf.length} bytes, not a PDF`);
  await page.close();
}
await browser.close();
console.log(`${pages.length} pages, ${problems} problems`);
process.exit(problems ? 1 : 0);

// Find the dates in letters with chrono-node, for bench/run to compare
// with letterpipe's date stage.
//
// usage: node dates.mjs REF_DATE LIST_FILE   (LIST_FILE: one path a line)
//        node dates.mjs REF_DATE --texts FILE (the dates found in FILE)
//
// The first form prints {"letters", "bytes", "seconds", "dates"} as JSON:
// seconds is the time chrono spent parsing, the files having been read
// first.  The second prints the text of each date found, as a JSON list.
// The British English parser reads 3/4/2023 as 3 April, as a letter
// from a UK public body means it.
import { readFileSync } from "node:fs";
import * as chrono from "chrono-node";

const [refDate, listOrFlag, textsFile] = process.argv.slice(2);
const ref = new Date(`${refDate}T12:00:00Z`);
const parser = chrono.en.GB;

if (listOrFlag === "--texts") {
  const found = parser.parse(readFileSync(textsFile, "utf8"), ref);
  console.log(JSON.stringify(found.map((r) => r.text)));
} else {
  const paths = readFileSync(listOrFlag, "utf8").split("\n").filter(Boolean);
  const texts = paths.map((p) => readFileSync(p, "utf8"));
  let bytes = 0, dates = 0;
  for (const t of texts) bytes += Buffer.byteLength(t);
  const t0 = process.hrtime.bigint();
  for (const t of texts) dates += parser.parse(t, ref).length;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({ letters: texts.length, bytes, seconds, dates }));
}

// Typesets TeX into MathJax CHTML at build time, so the browser runs no MathJax at all.
//
//   node tools/typeset.mjs < request.json > response.json
//
// request:  {"fontURL": "woff2", "items": [["x^2", false], ["\\sum_i x_i", true], ...]}
//           (TeX without delimiters, display flag)
// response: {"html": ["<mjx-container ...>", ...], "errors": [[index, "message"], ...],
//            "css": "<the CHTML stylesheet for every character typeset, fonts under fontURL>"}
//
// Called once per build by hooks/prerender_math.py with every formula of every page. Uses the
// `mathjax` npm package pinned in package-lock.json (the same MathJax 4 and New Computer Modern
// font the site used to run in the browser) with the same TeX settings as that client config,
// and adds assistive MathML (mjx-assistive-mml) so screen readers read the math.

import MathJax from "mathjax";

const input = await new Promise((resolve, reject) => {
  const chunks = [];
  process.stdin.on("data", (chunk) => chunks.push(chunk));
  process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  process.stdin.on("error", reject);
});
const request = JSON.parse(input);

await MathJax.init({
  loader: {
    load: ["input/tex", "output/chtml", "adaptors/liteDOM", "a11y/assistive-mml"],
  },
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  chtml: {
    fontURL: request.fontURL,
    // In the browser MathJax scaled the math to the x-height of the text around it: 119.5%
    // for the system sans-serif fonts mkdocs-material uses with `font: false`. Nothing can be
    // measured at build time, so that scale is fixed here.
    scale: 1.195,
    matchFontHeight: false,
    // There is no container width at build time: a display formula wider than the column
    // scrolls inside its own block (mjx-container[overflow="scroll"]), never the page.
    displayOverflow: "scroll",
  },
  startup: { typeset: false },
});

const adaptor = MathJax.startup.adaptor;
const html = [];
const errors = [];
for (const [index, [tex, display]] of request.items.entries()) {
  // Reset TeX state (labels, macros defined by \def) between formulas, as a fresh page would.
  MathJax.texReset();
  const node = await MathJax.tex2chtmlPromise(tex, { display });
  const merror = adaptor.tags(node, "mjx-merror")[0];
  if (merror) {
    errors.push([index, adaptor.getAttribute(merror, "data-mjx-error") || adaptor.textContent(merror)]);
  }
  html.push(adaptor.outerHTML(node));
}
const css = adaptor.innerHTML(MathJax.chtmlStylesheet());

process.stdout.write(JSON.stringify({ html, errors, css }));

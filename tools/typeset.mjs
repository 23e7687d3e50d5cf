// Typesets TeX into MathML at build time, so the browser runs no MathJax at all: it draws the
// MathML itself (MathML Core, in every current browser) with the site's math font.
//
//   node tools/typeset.mjs < request.json > response.json
//
// request:  {"items": [["x^2", false], ["\\sum_i x_i", true], ...]}
//           (TeX without delimiters, display flag)
// response: {"mathml": ["<math>...</math>", ...], "errors": [[index, "message"], ...]}
//
// Called once per build by sitebuild/typeset_math.py with every formula of every page. Uses the
// `mathjax` npm package pinned in package-lock.json with the TeX settings the site used when
// MathJax ran in the browser. An undefined macro is an error (not red text on the page).
//
// The spacing is TeX's, written out: MathJax spaces atoms by their TeX class (a minus after "="
// is a sign, not a binary operator), where a browser would use MathML's operator dictionary.
// So every <mo> gets lspace and rspace, and every other atom TeX spaces gets an <mspace> before it.

import MathJax from "mathjax";

const input = await new Promise((resolve, reject) => {
  const chunks = [];
  process.stdin.on("data", (chunk) => chunks.push(chunk));
  process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  process.stdin.on("error", reject);
});
const request = JSON.parse(input);

await MathJax.init({
  loader: { load: ["input/tex", "adaptors/liteDOM"] },
  tex: {
    packages: { "[-]": ["noundefined"] },
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  startup: { typeset: false },
});

const { STATE } = MathJax._.core.MathItem;
const { handleRetriesFor } = MathJax._.util.Retries;
const document = MathJax.startup.document;
// TeX's spaces between atoms, in mu (1/18 em), by the names MathJax gives them.
const MU = { thinmathspace: 3, mediummathspace: 4, thickmathspace: 5 };
const em = (name) => {
  if (!(name in MU)) throw new Error(`unexpected TeX space ${name}`);
  return `${(MU[name] / 18).toFixed(4)}em`;
};

function writeTeXSpacing(node) {
  for (const child of [...(node.childNodes || [])]) {
    if (child && child.kind && child.kind !== "text") writeTeXSpacing(child);
  }
  if (node.isKind("mo")) {
    for (const side of ["lspace", "rspace"]) {
      if (!node.attributes.isSet(side)) node.attributes.set(side, "0");
    }
  }
  const space = node.texSpacing && node.parent ? node.texSpacing() : "";
  if (!space) return;
  if (node.isKind("mo")) {
    node.attributes.set("lspace", em(space));
    return;
  }
  const parent = node.parent;
  if (!parent.isInferred && !parent.isKind("mrow")) {
    throw new Error(`TeX space before a <${node.kind}> inside <${parent.kind}>`);
  }
  const mspace = document.mmlFactory.create("mspace", { width: em(space) });
  parent.childNodes.splice(parent.childNodes.indexOf(node), 0, mspace);
  mspace.parent = parent;
}

async function toMathML(tex, display) {
  // Retried until every TeX extension the formula needs (\boldsymbol, ...) is loaded.
  const root = await handleRetriesFor(() => document.convert(tex, { display, end: STATE.CONVERT }));
  root.setTeXclass(null);
  writeTeXSpacing(root);
  return MathJax.startup.toMML(root);
}

const mathml = [];
const errors = [];
for (const [index, [tex, display]] of request.items.entries()) {
  // Reset TeX state (labels, macros defined by \def) between formulas, as a fresh page would.
  MathJax.texReset();
  const markup = await toMathML(tex, display);
  const error = markup.match(/<merror data-mjx-error="([^"]*)"/);
  if (error) {
    errors.push([index, error[1]]);
  }
  mathml.push(markup);
}

process.stdout.write(JSON.stringify({ mathml, errors }));

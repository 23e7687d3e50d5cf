// MathJax 4, served by this site (see hooks/site_hooks.py); nothing is loaded from another host.
window.MathJax = {
  loader: {
    // The font package is published next to MathJax: assets/mathjax-newcm-font/.
    paths: { fonts: "[mathjax]/.." },
  },
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
  output: {
    displayOverflow: "linebreak",
  },
};

// Instant navigation swaps the page content without reloading scripts: typeset the new content.
// The first page is typeset by MathJax itself when it starts.
let firstPage = true;
document$.subscribe(() => {
  if (firstPage) {
    firstPage = false;
    return;
  }
  MathJax.startup.promise.then(() => {
    MathJax.typesetClear();
    MathJax.texReset();
    return MathJax.typesetPromise();
  });
});

// /check/'s checker, in a worker so the page stays responsive: Pyodide (served by this site),
// the SymPy and mpmath wheels and the site's checking package, all from this site. Loaded when
// the reader asks for the first check. Each message asks for one thing and gets one answer:
//   {id, type: "load", files}                -> {id, ok, stages}    (progress: {type: "progress"})
//   {id, type: "steps", text}                -> {id, steps: [{number, source}, ...]}
//   {id, type: "check", notation, text, k}   -> {id, verdict: {...}}
"use strict";

let python = null;

function progress(text) {
  self.postMessage({ type: "progress", text });
}

async function bytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const stages = {};
let clock = performance.now();

function lap(name) {
  const now = performance.now();
  stages[name] = Math.round(now - clock);
  clock = now;
}

async function load(files) {
  clock = performance.now();
  const base = new URL(files.root, self.location.href);
  const runtime = new URL(files.pyodide, base).href;
  progress("Loading Python (WebAssembly)…");
  importScripts(runtime + "pyodide.js");
  const py = await self.loadPyodide({ indexURL: runtime, stdout: () => {}, stderr: () => {} });
  lap("python");
  const sitePackages = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  for (const wheel of files.wheels) {
    progress(`Loading ${wheel.split("-")[0]}…`);
    py.unpackArchive(await bytes(runtime + wheel), "wheel", { extractDir: sitePackages });
  }
  lap("wheels");
  progress("Starting SymPy…");
  py.runPython("import sympy");
  lap("sympy");
  progress("Loading this site's checker…");
  py.unpackArchive(await bytes(new URL(files.checker, base).href), "zip", {
    extractDir: sitePackages,
  });
  py.runPython(`
import importlib, json
importlib.invalidate_caches()
from ${files.package}.learner_check import page_steps, page_verdict
`);
  lap("checker");
  python = py;
}

function call(name, ...args) {
  return JSON.parse(python.globals.get(name)(...args));
}

self.onmessage = async (event) => {
  const { id, type } = event.data;
  try {
    if (type === "load") {
      if (!python) await load(event.data.files);
      self.postMessage({ id, ok: true, stages });
    } else if (type === "steps") {
      self.postMessage({ id, steps: call("page_steps", event.data.text) });
    } else if (type === "check") {
      const { notation, text, k } = event.data;
      self.postMessage({ id, verdict: call("page_verdict", notation, text, k) });
    }
  } catch (error) {
    self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
};

// /check/: the form, the address (#n=<notation>&s=<steps>) and the verdicts. The checker itself
// (check-worker.js) is started on the first "Check" and asked for one step at a time, so each
// verdict shows as it comes and a step that runs too long can be stopped.
"use strict";

(() => {
  const form = document.getElementById("check-form");
  if (!form) return;
  // A step still unanswered after this many seconds is stopped and called unreadable.
  const stepSeconds = () => Number(form.dataset.stepSeconds) || 60;
  const files = JSON.parse(form.dataset.files);
  const notation = document.getElementById("check-notation");
  const steps = document.getElementById("check-steps");
  const symbols = document.getElementById("check-symbols");
  const status = document.getElementById("check-status");
  const results = document.getElementById("check-results");
  const shareLink = document.getElementById("check-link");
  const button = form.querySelector("button[type=submit]");
  const LABEL = {
    pending: "checking…",
    right: "✓ right",
    wrong: "✗ wrong",
    unreadable: "? unreadable",
  };

  // ---------------------------------------------------------------- the address
  function readAddress() {
    const fields = {};
    for (const part of location.hash.replace(/^#/, "").split("&")) {
      const at = part.indexOf("=");
      if (at < 0) continue;
      try {
        fields[part.slice(0, at)] = decodeURIComponent(part.slice(at + 1));
      } catch {
        // a malformed escape: leave the field out
      }
    }
    if (fields.n && notation.querySelector(`option[value="${CSS.escape(fields.n)}"]`)) {
      notation.value = fields.n;
    }
    if ("s" in fields) steps.value = fields.s;
    showSymbols();
  }

  function address() {
    return `#n=${encodeURIComponent(notation.value)}&s=${encodeURIComponent(steps.value)}`;
  }

  function writeAddress() {
    history.replaceState(null, "", address());
    shareLink.href = address();
  }

  function showSymbols() {
    symbols.textContent = notation.selectedOptions[0]?.dataset.symbols || "";
    shareLink.href = address();
  }

  // ---------------------------------------------------------------- the worker
  let worker = null;
  let loaded = null;
  let nextId = 0;
  const waiting = new Map();

  function startWorker() {
    worker = new Worker(new URL(files.root + "javascripts/check-worker.js", location.href));
    worker.onmessage = (event) => {
      const data = event.data;
      if (data.type === "progress") {
        status.textContent = data.text;
        return;
      }
      const pending = waiting.get(data.id);
      if (!pending) return;
      waiting.delete(data.id);
      clearTimeout(pending.timer);
      if (data.error) pending.reject(new Error(data.error));
      else pending.resolve(data);
    };
    const root = new URL(files.root, location.href).href;
    loaded = ask({ type: "load", files: { ...files, root } }, 0);
    return loaded;
  }

  function stopWorker() {
    worker.terminate();
    worker = null;
    loaded = null;
    for (const pending of waiting.values()) {
      clearTimeout(pending.timer);
      pending.reject(new Error("stopped"));
    }
    waiting.clear();
  }

  function ask(message, seconds) {
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      const timer = seconds
        ? setTimeout(() => {
            waiting.delete(id); // stopWorker rejects the others as "stopped", this one timed out
            stopWorker();
            reject(new Error("timeout"));
          }, seconds * 1000)
        : 0;
      waiting.set(id, { resolve, reject, timer });
      worker.postMessage({ ...message, id });
    });
  }

  async function ready() {
    if (!worker) {
      const started = Date.now();
      const { stages } = await startWorker();
      status.dataset.loadMs = String(Date.now() - started);
      status.dataset.loadStages = JSON.stringify(stages);
    }
    return loaded;
  }

  // ---------------------------------------------------------------- the verdicts
  function row(step) {
    const item = document.createElement("li");
    item.value = step.number;
    item.className = "check-step";
    item.dataset.verdict = "pending";
    const code = document.createElement("code");
    code.textContent = step.source;
    const verdict = document.createElement("span");
    verdict.className = "check-verdict";
    verdict.textContent = LABEL.pending;
    const message = document.createElement("span");
    message.className = "check-message";
    item.append(verdict, " ", code, message);
    return item;
  }

  function show(item, result) {
    item.dataset.verdict = result.verdict;
    item.querySelector(".check-verdict").textContent =
      result.method === "definition" ? "✓ definition" : LABEL[result.verdict] || result.verdict;
    const message = item.querySelector(".check-message");
    message.textContent = result.message;
    if (result.link) {
      const link = document.createElement("a");
      link.href = files.root + result.link.replace(/^\.\.\//, "");
      link.textContent = result.link_text;
      message.append(" — ", link);
    }
  }

  let run = 0;

  async function check() {
    const mine = ++run;
    writeAddress();
    button.disabled = true;
    const started = Date.now();
    status.dataset.loadMs = "0";
    try {
      await ready();
      if (mine !== run) return;
      const text = steps.value;
      const chosen = notation.value;
      const { steps: list } = await ask({ type: "steps", text }, 60);
      results.replaceChildren(...list.map(row));
      const items = [...results.children];
      let firstWrong = null;
      for (let k = 0; k < items.length; k++) {
        if (mine !== run) return;
        status.textContent = `Checking step ${k + 1} of ${items.length}…`;
        let result;
        const seconds = stepSeconds();
        try {
          await ready();
          ({ verdict: result } = await ask({ type: "check", notation: chosen, text, k }, seconds));
        } catch (error) {
          if (error.message !== "timeout") throw error;
          result = {
            verdict: "unreadable",
            message: `it took longer than ${seconds} s to check; split it into smaller steps`,
          };
        }
        show(items[k], result);
        if (result.verdict === "wrong" && firstWrong === null) {
          firstWrong = items[k];
          firstWrong.dataset.first = "wrong";
          firstWrong.querySelector(".check-verdict").textContent = "✗ first wrong step";
        }
      }
      const right = items.filter((item) => item.dataset.verdict === "right").length;
      status.textContent =
        items.length === 0
          ? "No steps to check: write one equation per line."
          : `${right} of ${items.length} steps right` +
            (firstWrong ? `; the first wrong step is step ${firstWrong.value}.` : ".");
      status.dataset.checkMs = String(Date.now() - started);
    } catch (error) {
      if (mine === run) status.textContent = `The checker stopped: ${error.message}`;
    } finally {
      if (mine === run) button.disabled = false;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    check();
  });
  notation.addEventListener("change", showSymbols);
  steps.addEventListener("input", () => (shareLink.href = address()));
  window.addEventListener("hashchange", readAddress);
  readAddress();
})();

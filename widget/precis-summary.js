/* Précis "No time to read? Get a summary" widget. No dependencies, no build step.
 *   <div data-precis-article="world/peace-talks"></div>
 *   <script src="https://YOUR-API/widget.js" async></script>
 * The API is where this script came from unless data-precis-api says otherwise;
 * data-precis-sentences picks the length (1-10). It renders in a shadow root, sets API text
 * with textContent (never as HTML) and never throws into the page. */
(() => {
  "use strict";
  const TAG = "precis-summary";
  if (!window.customElements || !Element.prototype.attachShadow || customElements.get(TAG)) return;

  const WORDS_PER_MINUTE = 230; // the service's own reading-time rate
  const TIMEOUT_MS = 8000;
  const PREPARING_TRIES = 6; // 202 answers followed before offering a manual retry
  const RETRY_AFTER_S = { min: 1, max: 30, fallback: 2 };
  const GONE = { 400: 1, 401: 1, 403: 1, 404: 1, 410: 1 }; // nothing a reader could fix

  const CSS =
    ":host{all:initial;display:block;margin:1.5em 0;font-family:inherit}" +
    ":host([hidden]){display:none!important}" +
    ".box{--a:var(--precis-accent,#0b57d0);--m:var(--precis-muted,#57606a);" +
    "color:var(--precis-text,#1f2328);font-size:medium;line-height:1.5;text-align:left;" +
    "background:var(--precis-background,#f6f8fa);border:1px solid #d0d7de;" +
    "border-left:4px solid var(--a);border-radius:8px;padding:.8em 1em}" +
    ".bar,.meta,.note{font-family:var(--precis-ui-font,system-ui,sans-serif)}" +
    ".bar{display:flex;flex-wrap:wrap;align-items:center;gap:.5em 1em;font-weight:600}" +
    "button{font:inherit;margin:0;cursor:pointer}" +
    ".go{background:var(--a);color:#fff;border:0;border-radius:99em;padding:.4em 1.1em}" +
    ".go:hover{filter:brightness(1.12)}" +
    ".go[aria-busy=true]{cursor:progress;opacity:.85}" +
    ".go[aria-busy=true]::before{content:'';display:inline-block;width:.8em;height:.8em;" +
    "margin-right:.5em;vertical-align:-.1em;border:2px solid;border-right-color:transparent;" +
    "border-radius:50%}" +
    "button:focus-visible{outline:3px solid var(--a);outline-offset:3px}" +
    ".panel>*{margin:.75em 0 0}" +
    ".meta{font-size:.8em;font-weight:600;letter-spacing:.05em;text-transform:uppercase;color:var(--m)}" +
    ".title{font-weight:700;font-size:1.05em}" +
    "ul{padding-left:1.2em}li{margin:.3em 0}" +
    ".note{font-size:.85em;color:var(--m)}" +
    ".link{background:none;border:0;padding:0;color:var(--a);text-decoration:underline}" +
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}" +
    "@media (prefers-reduced-motion:no-preference){" +
    ".go[aria-busy=true]::before{animation:precis-spin .8s linear infinite}" +
    ".shown{animation:precis-in .25s ease-out}}" +
    "@keyframes precis-spin{to{transform:rotate(1turn)}}" +
    "@keyframes precis-in{from{opacity:0;transform:translateY(-.3em)}}";

  const TEXT = {
    ask: "No time to read?",
    get: "Get a summary",
    hide: "Hide summary",
    show: "Show summary",
    loading: "Getting the summary…",
    preparing: "The summary is being prepared; it will appear here.",
    notReady: "The summary is not ready yet.",
    failed: "The summary could not be loaded.",
    retry: "Try again",
    extractive: "Key sentences picked from the article automatically.",
    generated: "Written automatically from the article."
  };

  const loadedFrom = apiOf(document.currentScript);

  function apiOf(script) {
    try {
      const named = script.getAttribute("data-precis-api");
      if (named) return named;
      const url = new URL(script.src, document.baseURI);
      return url.origin + url.pathname.replace(/\/[^/]*$/, "");
    } catch (e) {
      return "";
    }
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  }

  const mark = (name) => { try { performance.mark(name); } catch (e) { /* no User Timing */ } };

  function duration(seconds) {
    if (seconds < 60) return seconds + " seconds";
    const minutes = Math.round(seconds / 60);
    return minutes + (minutes === 1 ? " minute" : " minutes");
  }

  function retryAfter(header) {
    const seconds = parseInt(header || "", 10);
    if (!(seconds >= 0)) return RETRY_AFTER_S.fallback;
    return Math.min(RETRY_AFTER_S.max, Math.max(RETRY_AFTER_S.min, seconds));
  }

  // Any answer's body, reduced to what the widget does next; anything unexpected is an error.
  function readBody(body) {
    let data;
    try { data = JSON.parse(body); } catch (e) { return { kind: "error" }; }
    if (!data || typeof data !== "object") return { kind: "error" };
    if (data.status === "FAILED") return { kind: "gone" };
    if (data.status === "PENDING" || data.status === "PROCESSING") {
      return { kind: "preparing", wait: RETRY_AFTER_S.fallback };
    }
    let sentences = Array.isArray(data.summary_sentences)
      ? data.summary_sentences.filter((s) => typeof s === "string" && s.trim()) : [];
    if (!sentences.length && typeof data.summary === "string" && data.summary.trim()) {
      sentences = [data.summary];
    }
    if (data.status !== "COMPLETED" || !sentences.length) return { kind: "error" };
    return { kind: "ready", data, sentences };
  }

  // One GET: ready, preparing (202), gone (404, FAILED...) or error (network, timeout, 5xx).
  function ask(url) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    return fetch(url, { credentials: "omit", signal: abort.signal })
      .then((response) => {
        if (GONE[response.status]) return { kind: "gone" };
        if (response.status === 202) {
          return { kind: "preparing", wait: retryAfter(response.headers.get("Retry-After")) };
        }
        return response.status === 200 ? response.text().then(readBody) : { kind: "error" };
      })
      .catch(() => ({ kind: "error" }))
      .finally(() => clearTimeout(timer));
  }

  const setting = (host, name) =>
    host.getAttribute(name) || host.getAttribute("data-precis-" + name) || "";

  function summaryUrl(host) {
    const api = (setting(host, "api") || loadedFrom).replace(/\/+$/, "");
    const id = setting(host, "article").replace(/^\/+|\/+$/g, "");
    if (!id) return "";
    const url = api + "/summaries/" + id.split("/").map(encodeURIComponent).join("/");
    const sentences = parseInt(setting(host, "sentences"), 10);
    return sentences >= 1 && sentences <= 10 ? url + "?sentences=" + sentences : url;
  }

  function build(host) {
    const root = host.attachShadow({ mode: "open" });
    const box = el("div", "box");
    const bar = el("div", "bar");
    const button = el("button", "go", TEXT.get);
    const panel = el("div", "panel");
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "panel");
    panel.id = "panel";
    panel.setAttribute("aria-live", "polite");
    box.setAttribute("part", "box");
    bar.append(el("span", "", TEXT.ask), button);
    box.append(bar, panel);
    root.append(el("style", "", CSS), box);

    let state = "";
    let shown = false;
    let timer = 0;

    function enter(next) {
      state = next;
      host.setAttribute("data-state", next);
      if (next === "loading") button.setAttribute("aria-busy", "true");
      else button.removeAttribute("aria-busy");
    }

    function vanish() {
      host.hidden = true;
      enter("unavailable");
    }

    function offerRetry(message) {
      const line = el("p", "note", message + " ");
      const again = el("button", "link", TEXT.retry);
      again.type = "button";
      again.addEventListener("click", () => {
        button.focus(); // the link goes away: keep keyboard users in place
        load(1);
      });
      line.append(again);
      button.textContent = TEXT.get;
      panel.replaceChildren(line);
      enter("error");
    }

    function show({ data, sentences }) {
      const minutes = data.reading_time_minutes;
      const words = sentences.join(" ").split(/\s+/).length;
      const seconds = Math.max(5, Math.round((words / WORDS_PER_MINUTE) * 12) * 5);
      const meta = el("p", "meta", "Summary · ");
      if (typeof minutes === "number" && minutes >= 1) {
        const arrow = el("span", "", " → ");
        arrow.setAttribute("aria-hidden", "true");
        meta.append(minutes + "-minute read", arrow, el("span", "sr", ", summary "));
      }
      meta.append(duration(seconds));
      const nodes = [meta];
      if (typeof data.title === "string" && data.title.trim()) nodes.push(el("p", "title", data.title));
      if (sentences.length > 1) {
        const list = el("ul");
        list.append(...sentences.map((s) => el("li", "", s)));
        nodes.push(list);
      } else {
        nodes.push(el("p", "", sentences[0]));
      }
      const extractive = data.engine && data.engine.name === "extractive";
      nodes.push(el("p", "note", extractive ? TEXT.extractive : TEXT.generated));
      shown = true;
      panel.className = "panel shown";
      panel.replaceChildren(...nodes);
      button.textContent = TEXT.hide;
      button.setAttribute("aria-expanded", "true");
      enter("ready");
      mark("precis-summary-shown");
    }

    function load(attempt) {
      const url = summaryUrl(host);
      if (!url) return vanish();
      button.textContent = TEXT.loading;
      if (attempt === 1) panel.replaceChildren();
      enter("loading");
      ask(url).then((answer) => {
        if (!host.isConnected) return;
        if (answer.kind === "ready") show(answer);
        else if (answer.kind === "gone") vanish();
        else if (answer.kind === "preparing" && attempt < PREPARING_TRIES) {
          panel.replaceChildren(el("p", "note", TEXT.preparing));
          enter("preparing");
          timer = setTimeout(() => load(attempt + 1), answer.wait * 1000);
        } else {
          offerRetry(answer.kind === "preparing" ? TEXT.notReady : TEXT.failed);
        }
      }).catch(() => offerRetry(TEXT.failed)); // a bug of ours must not throw into the page
    }

    button.addEventListener("click", () => {
      if (state === "loading" || state === "preparing") return;
      mark("precis-summary-click");
      if (!shown) return load(1);
      const open = button.getAttribute("aria-expanded") !== "true";
      panel.hidden = !open;
      button.textContent = open ? TEXT.hide : TEXT.show;
      button.setAttribute("aria-expanded", String(open));
    });

    enter("idle");
    return () => {
      clearTimeout(timer);
      if (state === "loading" || state === "preparing") { // moved in the page
        button.textContent = TEXT.get;
        enter("idle");
      }
    };
  }

  class PrecisSummary extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      try {
        this.stopPrecis = build(this);
      } catch (e) {
        this.hidden = true;
      }
    }

    disconnectedCallback() {
      if (this.stopPrecis) this.stopPrecis();
    }
  }
  customElements.define(TAG, PrecisSummary);

  // <div data-precis-article="…"> gets a <precis-summary> child with the same settings.
  function upgrade() {
    document.querySelectorAll("[data-precis-article]").forEach((node) => {
      if (node.localName === TAG || node.hasAttribute("data-precis-ready")) return;
      node.setAttribute("data-precis-ready", "");
      const widget = document.createElement(TAG);
      for (const name of ["article", "api", "sentences"]) {
        const value = node.getAttribute("data-precis-" + name);
        if (value) widget.setAttribute(name, value);
      }
      node.append(widget);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", upgrade);
  else upgrade();
})();

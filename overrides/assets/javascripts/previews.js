// Hover or keyboard focus on a link to another page of this site shows that page's
// (or section's) title, first paragraph and first figure, read from the page itself.
// Touch devices get no preview: their tap simply follows the link.
(function () {
  "use strict";
  const pages = new Map(); // url without hash -> Promise<Document>
  const tip = document.createElement("div");
  tip.className = "vault-preview";
  tip.id = "vault-preview";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.append(tip);
  let shownFor = null;
  let timer = 0;

  function target(link) {
    if (!link.matches("article a[href]") || link.matches(".headerlink, .footnote-ref, .footnote-backref, [download]")) return null;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !/(\/|\.html)$/.test(url.pathname)) return null;
    if (url.pathname === location.pathname) return null; // same page: nothing to preview
    return url;
  }

  function load(url) {
    const page = url.origin + url.pathname;
    if (!pages.has(page)) {
      pages.set(page, fetch(page).then(r => (r.ok ? r.text() : Promise.reject(r.status)))
        .then(html => { // parse the article alone: the navigation is most of a page's HTML
          const start = html.indexOf("<article"), end = html.lastIndexOf("</article>");
          const part = start >= 0 && end > start ? html.slice(start, end + 10) : html;
          return new DOMParser().parseFromString(part, "text/html");
        }));
    }
    return pages.get(page);
  }

  // The heading the link points at (or the page title), its first paragraph and figure
  function summary(doc, url) {
    const article = doc.querySelector("article");
    if (!article) return null;
    const id = decodeURIComponent(url.hash.slice(1));
    let start = id ? doc.getElementById(id) : null;
    if (start && !/^H[1-6]$/.test(start.tagName)) {
      const block = start.closest("p, li, td, div") || start;
      return { title: article.querySelector("h1"), text: block, figure: null };
    }
    start = start || article.querySelector("h1");
    if (!start) return null;
    // a page's preview reads on past headings to its first paragraph; a section's stops at its end
    const whole = start.tagName === "H1";
    let text = null, figure = null;
    for (let node = start.nextElementSibling; node && (whole || !/^H[1-6]$/.test(node.tagName));
         node = node.nextElementSibling) {
      if (!text && node.tagName === "P" && !node.matches(".vault-source")
          && !node.querySelector(".vault-tag") && node.textContent.trim()) text = node;
      if (!figure) figure = node.matches("figure") ? node.querySelector("img") : null;
      if (text && figure) break;
    }
    return { title: start, text: text, figure: figure };
  }

  function fill(parts, url) {
    tip.replaceChildren();
    const title = document.createElement("h3");
    title.textContent = parts.title ? parts.title.textContent.replace(/¶$/, "").trim() : "";
    tip.append(title);
    if (parts.text) {
      const text = document.createElement("p");
      text.append(...Array.from(parts.text.cloneNode(true).childNodes));
      text.querySelectorAll("a").forEach(a => a.replaceWith(...a.childNodes)); // no nested links
      text.querySelectorAll("[id]").forEach(e => e.removeAttribute("id")); // ids stay unique
      tip.append(text);
    }
    if (parts.figure) {
      const image = document.createElement("img");
      image.src = new URL(parts.figure.getAttribute("src"), url).href;
      image.alt = parts.figure.getAttribute("alt") || "";
      tip.append(image);
    }
  }

  function place(link) {
    const box = link.getBoundingClientRect();
    const width = tip.offsetWidth;
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    const below = box.bottom + 8 + tip.offsetHeight < window.innerHeight;
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${(below ? box.bottom + 6 : box.top - tip.offsetHeight - 6) + window.scrollY}px`;
  }

  function show(link) {
    const url = target(link);
    if (!url) return;
    shownFor = link;
    clearTimeout(timer);
    load(url).then(doc => {
      if (shownFor !== link) return;
      const parts = summary(doc, url);
      if (!parts) return;
      fill(parts, url);
      tip.hidden = false;
      link.setAttribute("aria-describedby", tip.id);
      place(link);
    }).catch(() => hide());
  }

  function hide() {
    clearTimeout(timer);
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
    tip.hidden = true;
  }

  document.addEventListener("pointerover", event => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (event.pointerType !== "mouse" || !link || link === shownFor) return;
    if (target(link)) load(target(link)).catch(() => {}); // start fetching at once
    clearTimeout(timer);
    timer = setTimeout(() => show(link), 50);  // a pointer crossing a link shows nothing
  });
  document.addEventListener("pointerout", event => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (event.pointerType === "mouse" && link && !link.contains(event.relatedTarget)) hide();
  });
  document.addEventListener("focusin", event => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (link && link.matches(":focus-visible")) show(link); else hide();
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", event => { if (event.key === "Escape") hide(); });
})();

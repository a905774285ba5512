// Loads the search index when the reader first uses search, not on every page load.
//
// Material's bundle requests `search/search_index.json` under the `base` of
// <script id="__config"> as soon as it starts, on the main thread, through
// XMLHttpRequest (bundle.ts fetchSearchIndex -> browser/request), and hands the
// index to its worker in the SETUP message. vaultsite/theme.py runs this script
// just before the bundle: it holds back the send() of that one request until
// the search box gets focus or the search toggle opens (Material's shortcuts
// f, s and / focus the box), or at once when the address has ?q= (a search
// link) or ?h= (highlighting after a result was followed). Material waits for
// the response as it would on a slow network; nothing else is touched.
// tests/browser/test_lazy_search.py fails if the index loads on page load.
(() => {
  "use strict"
  const config = JSON.parse(document.getElementById("__config").textContent)
  const index = `${new URL("search/search_index.json", new URL(config.base, location.href))}`
  const { open, send } = XMLHttpRequest.prototype
  const requests = new WeakSet()  // XMLHttpRequests opened for the index
  const held = []                 // [request, body] of sends waiting for first use
  let released = false

  function isIndex(method, url) {
    try {
      return `${method}`.toUpperCase() === "GET" && `${new URL(url, location.href)}` === index
    } catch {
      return false  // an address URL() rejects is not the index; open() reports it as ever
    }
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    if (isIndex(method, url))
      requests.add(this)
    else
      requests.delete(this)
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function (body) {
    if (released || !requests.has(this))
      return send.call(this, body)
    held.push([this, body])
  }

  function release() {
    if (released)
      return
    released = true
    document.removeEventListener("focusin", onFocus)
    document.removeEventListener("change", onToggle)
    for (const [request, body] of held.splice(0))
      if (request.readyState === XMLHttpRequest.OPENED)  // not aborted meanwhile
        send.call(request, body)
  }
  function onFocus(event) {
    if (event.target instanceof Element && event.target.closest("[data-md-component=search]"))
      release()
  }
  function onToggle(event) {
    if (event.target instanceof Element && event.target.matches("[data-md-toggle=search]")
        && event.target.checked)
      release()
  }

  const params = new URL(location.href).searchParams
  if (params.has("q") || params.has("h"))
    release()
  else {
    document.addEventListener("focusin", onFocus)
    document.addEventListener("change", onToggle)
  }
})()

// Opens a figure full size when it is clicked, tapped, or chosen with Enter or Space.
//
// vaultsite/zoom.py writes a closed <dialog class="vault-zoom"> into each page
// that has figures, with its labels in the page's language. This script wraps
// each figure (the site's figures and the figures of notebook outputs) in a
// <button>, whose name is the image's alt text; the button opens the dialog on
// a copy of the image: the wide figure even where a phone was served its
// narrow layout, at least at its natural size, so on a phone it is scrolled
// (or pinched) sideways. Esc, the close button or a click beside the figure
// closes it and gives focus back to the figure. Without this script the
// dialog stays closed and the figures show as they are.
(() => {
  "use strict"

  function zoomFigures() {
    const dialog = document.querySelector("dialog.vault-zoom")
    if (!dialog || typeof dialog.showModal !== "function")
      return
    const view = dialog.querySelector(".vault-zoom__view")
    const close = dialog.querySelector(".vault-zoom__close")
    const images = document.querySelectorAll(
      // a notebook's figure may be in a <picture> of its phone layout (vaultsite/narrow.py)
      ".vault-figure img, .jupyter-wrapper .jp-RenderedSVG img, .jupyter-wrapper .jp-RenderedImage img")
    let opener = null

    function open(image, button) {
      const full = document.createElement("img")
      full.src = image.getAttribute("src")  // not currentSrc: that may be the phone layout
      full.alt = image.alt
      const width = Number(image.getAttribute("width")) || image.naturalWidth
      const height = Number(image.getAttribute("height")) || image.naturalHeight
      if (width && height) {
        full.width = width
        full.height = height
        full.style.setProperty("--natural-width", `${width}px`)
        full.style.setProperty("--aspect", `${width / height}`)
      }
      view.replaceChildren(full)
      opener = button
      dialog.showModal()
      close.focus()
    }

    for (const image of images) {
      const shown = image.parentElement.tagName === "PICTURE" ? image.parentElement : image
      const button = document.createElement("button")
      button.type = "button"
      button.className = "vault-zoom-open"
      button.title = dialog.dataset.openLabel
      button.setAttribute("aria-haspopup", "dialog")
      shown.replaceWith(button)
      button.append(shown)
      button.addEventListener("click", () => open(image, button))
    }

    close.addEventListener("click", () => dialog.close())
    dialog.addEventListener("click", event => {
      if (event.target === dialog || event.target === view)  // beside the figure
        dialog.close()
    })
    dialog.addEventListener("close", () => {
      view.replaceChildren()
      if (opener)
        opener.focus()
      opener = null
    })
  }

  // the dialog follows the page's scripts
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", zoomFigures, { once: true })
  else
    zoomFigures()
})()

// The people list: "tick all on this page" ticks every person's box (they survive htmx swaps
// of the list because the listener sits on the document).
document.addEventListener("change", (event) => {
  const name = event.target.dataset && event.target.dataset.tickAll;
  if (!name) return;
  for (const box of document.querySelectorAll(`input[type=checkbox][name="${name}"]`)) {
    box.checked = event.target.checked;
  }
});

// Present mode, enhanced: the keys and presentation clickers move between screens; the links work without it.
document.addEventListener("DOMContentLoaded", () => {
  const NEXT = new Set(["ArrowRight", "ArrowDown", "PageDown", " "]);
  const PREVIOUS = new Set(["ArrowLeft", "ArrowUp", "PageUp"]);
  const go = (rel) => {
    const link = document.querySelector(`.present-nav a[rel="${rel}"]`);
    if (link) window.location.assign(link.href);
  };
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target;
    // Space keeps its usual meaning on a focused button or field.
    if (event.key === " " && target.closest && target.closest("button, input, select, textarea, [contenteditable]")) return;
    if (NEXT.has(event.key)) {
      event.preventDefault();
      go("next");
    } else if (PREVIOUS.has(event.key)) {
      event.preventDefault();
      go("prev");
    } else if (event.key === "Home" || event.key === "End") {
      // Home: the title screen; End: "who can help", the closing screen.
      const nav = document.querySelector(".present-nav");
      const url = nav && nav.dataset[event.key === "Home" ? "first" : "last"];
      if (url && url !== window.location.pathname) {
        event.preventDefault();
        window.location.assign(url);
      }
    }
  });
  for (const button of document.querySelectorAll("[data-fullscreen]")) {
    if (!document.documentElement.requestFullscreen) continue;
    button.hidden = false;
    button.addEventListener("click", () => {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen();
    });
  }
  // The presenter view tells the class screen (another window of this browser) which screen to show.
  if ("BroadcastChannel" in window) {
    const channel = new BroadcastChannel("safesteps-present");
    const sync = document.querySelector("[data-present-sync]");
    if (sync) {
      channel.postMessage(sync.dataset.presentSync);
    } else if (document.querySelector("[data-present-screen]")) {
      channel.addEventListener("message", (event) => {
        const url = String(event.data);
        if (url.startsWith("/") && !url.startsWith("//") && url.includes("/present/") && url !== window.location.pathname) {
          window.location.assign(url);
        }
      });
    }
  }
});

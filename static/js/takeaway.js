// The takeaway's print button (inlined into the page, allowed by its hash).
document.getElementById("print").addEventListener("click", () => window.print());

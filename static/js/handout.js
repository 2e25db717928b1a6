/* The printable handout: one button that opens the browser's print dialog. */
document.getElementById("print").addEventListener("click", () => window.print());

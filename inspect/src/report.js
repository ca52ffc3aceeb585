// sheetx inspect: hovering a cell shows what sheetx read there, clicking keeps it shown; warnings
// link to their cell. Script errors and the cells drawn are written into the page, for the tests.
"use strict";

window.onerror = (message, source, line) => {
  const list = document.getElementById("script-errors");
  const item = document.createElement("li");
  item.textContent = `script error: ${message} (line ${line})`;
  list.append(item);
  list.dataset.count = String(list.children.length);
};

// Fills the panel beside the page with what one mark (cell, text block or rule place) holds.
function show(mark) {
  const details = mark.closest("section").querySelector(".details");
  const add = (label, content) => {
    const heading = document.createElement("h4");
    heading.textContent = label;
    details.append(heading, content);
  };
  const pre = (text) => {
    const element = document.createElement("pre");
    element.textContent = text;
    return element;
  };
  details.replaceChildren();
  add("Text", pre(mark.dataset.text || "(empty)"));
  add("Where", document.createTextNode(mark.dataset.where));
  const fields = document.createElement("p");
  for (const field of (mark.dataset.fields || "").split("\n").filter(Boolean)) {
    const tag = document.createElement("span");
    tag.className = `field f-${field.split(".")[0]}`;
    tag.textContent = field;
    fields.append(tag);
  }
  if (!fields.children.length) fields.textContent = "not read by any rule";
  add("Rule field", fields);
  // The rule (FILE:LINE) behind each field; for a header cell, its column's role and regex.
  if (mark.dataset.rules) add("Rule", pre(mark.dataset.rules));
  if (mark.dataset.value) add("Normalized value", pre(mark.dataset.value));
  if (mark.dataset.warnings) add("Warnings", pre(mark.dataset.warnings));
}

// A clicked mark stays in the panel until another is clicked (or it is clicked again).
function pin(mark) {
  const section = mark.closest("section");
  const previous = section.querySelector("rect.selected");
  if (previous) previous.classList.remove("selected");
  if (previous === mark) return;
  mark.classList.add("selected");
  show(mark);
}

// Brings a mark into view, kept in the panel and flashing.
function reveal(mark) {
  mark.closest("section").scrollIntoView();
  mark.scrollIntoView({ block: "center" });
  mark.classList.remove("selected");
  pin(mark);
}

const marks = "rect.cell, rect.block, rect.use";
document.addEventListener("mouseover", (event) => {
  const mark = event.target.closest(marks);
  if (mark && !mark.closest("section").querySelector("rect.selected")) show(mark);
});
document.addEventListener("click", (event) => {
  const mark = event.target.closest(marks);
  if (mark) pin(mark);
  const link = event.target.closest("a[data-mark]");
  if (link) {
    event.preventDefault();
    reveal(document.getElementById(link.dataset.mark));
  }
});

for (const box of document.querySelectorAll("input[data-layer]")) {
  box.addEventListener("change", () => document.body.classList.toggle(`hide-${box.dataset.layer}`, !box.checked));
}

// The cells drawn per page, counted in the browser, against the count the extractor gave.
for (const section of document.querySelectorAll("section.page")) {
  const drawn = section.querySelectorAll("rect.cell").length;
  const output = section.querySelector("output.counted");
  output.dataset.countedCells = String(drawn);
  output.textContent = `${drawn} ${drawn === 1 ? "cell" : "cells"} drawn`;
  if (String(drawn) !== section.dataset.cellCount) {
    window.onerror(`page ${section.dataset.page}: ${drawn} cells drawn, ${section.dataset.cellCount} found`);
  }
}
document.body.dataset.ready = "true";

// A link to a mark from outside (report.html#p2-t1-r5-c7) opens with that mark shown.
const linked = location.hash && document.getElementById(location.hash.slice(1));
if (linked && linked.matches(marks)) reveal(linked);

// map.js - France's regions as a tile map (one hexagon per region, placed
// to keep neighbours next to each other; the five overseas regions in a
// row below; "National" as its own tile), shaded by the number of
// matching documents.  A click, Enter or Space on a tile toggles that
// region's filter.  A tile map rather than borders: every region, however
// small (Île-de-France, Mayotte), gets the same room to show its count.

const SVG = "http://www.w3.org/2000/svg";

// id, short name, label, column, row (odd rows sit half a tile to the right)
const METRO = [
  ["hauts-de-france", "HDF", "Hauts-de-France", 2, 0],
  ["bretagne", "BRE", "Bretagne", 0, 1],
  ["normandie", "NOR", "Normandie", 1, 1],
  ["ile-de-france", "IDF", "Île-de-France", 2, 1],
  ["grand-est", "GES", "Grand Est", 3, 1],
  ["pays-de-la-loire", "PDL", "Pays de la Loire", 1, 2],
  ["centre-val-de-loire", "CVL", "Centre-Val de Loire", 2, 2],
  ["bourgogne-franche-comte", "BFC", "Bourgogne-Franche-Comté", 3, 2],
  ["nouvelle-aquitaine", "NAQ", "Nouvelle-Aquitaine", 1, 3],
  ["auvergne-rhone-alpes", "ARA", "Auvergne-Rhône-Alpes", 2, 3],
  ["occitanie", "OCC", "Occitanie", 2, 4],
  ["provence-alpes-cote-d-azur", "PACA", "Provence-Alpes-Côte d'Azur", 3, 4],
  ["corse", "COR", "Corse", 4, 4],
];
const OVERSEAS = [
  ["guadeloupe", "GP", "Guadeloupe"],
  ["martinique", "MQ", "Martinique"],
  ["guyane", "GF", "Guyane"],
  ["la-reunion", "RE", "La Réunion"],
  ["mayotte", "YT", "Mayotte"],
];
const NATIONAL = ["national", "NAT", "National (France entière)"];

const R = 30;                         // hexagon radius
const W = Math.sqrt(3) * R;           // hexagon width
const SHADES = ["#e8eef0", "#c6e3e6", "#8fc9cf", "#4fa6b0", "#1f7a86", "#0b4f5a"];

function node(tag, attrs, ...children) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  for (const c of children) n.append(c);
  return n;
}

function hexPoints(cx, cy, r) {
  const pts = [];
  for (let i = 0; i < 6; i++) {
    const a = Math.PI / 180 * (60 * i - 30);
    pts.push(`${(cx + r * Math.cos(a)).toFixed(1)},${(cy + r * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(" ");
}

// 0 for none, then 1..5 on a square-root scale of max
function shade(count, max) {
  if (!count) return 0;
  return Math.min(5, 1 + Math.floor(4 * Math.sqrt(count / Math.max(1, max))));
}

function tile(svg, [id, short, name], cx, cy, r, counts, max, selected, onSelect) {
  const count = counts.get(id) || 0;
  const level = shade(count, max);
  const isOn = selected.includes(id);
  const text = `${name} : ${count} document${count > 1 ? "s" : ""}`;
  const g = node("g", { class: `tile level-${level}${isOn ? " selected" : ""}`, role: "button",
                        tabindex: 0, "aria-pressed": isOn, "aria-label": text, "data-region": id },
                 node("title", {}, text),
                 node("polygon", { points: hexPoints(cx, cy, r - 1.5), fill: SHADES[level] }),
                 node("text", { x: cx, y: cy - 2, class: "abbr" }, short),
                 node("text", { x: cx, y: cy + 12, class: "n" }, String(count)));
  const fire = () => onSelect(id);
  g.addEventListener("click", fire);
  g.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); fire(); }
  });
  svg.append(g);
}

// Draws the map into container from the region facet ([{value, count}]),
// with the selected region ids; onSelect(id) on activation.
export function renderMap(container, facet, selected, onSelect) {
  const counts = new Map(facet.map((v) => [v.value, v.count]));
  const max = Math.max(0, ...facet.map((v) => v.count));
  const width = 5.3 * W, overseasY = 9 * R + 16, height = overseasY + R + 6;
  const svg = node("svg", { viewBox: `0 0 ${width.toFixed(0)} ${height}`, class: "regions",
                            role: "group", "aria-label": "Carte des régions : nombre de documents par région" });
  for (const [id, short, name, col, row] of METRO) {
    const island = id === "corse";       // drawn apart from the mainland
    const cx = W * (col + (row % 2 ? 1 : 0.5)) + 4 + (island ? 0.2 * W : 0);
    const cy = R + row * 1.5 * R + 4 + (island ? 0.3 * R : 0);
    tile(svg, [id, short, name], cx, cy, island ? 0.85 * R : R, counts, max, selected, onSelect);
  }
  svg.append(node("text", { x: 4, y: overseasY - R - 4, class: "caption" }, "Outre-mer"));
  OVERSEAS.forEach((region, i) => tile(svg, region, 4 + R * 0.9 + i * R * 1.85, overseasY, R * 0.9,
                                       counts, max, selected, onSelect));
  tile(svg, NATIONAL, W * 4.6, R + 4, R * 0.9, counts, max, selected, onSelect);
  container.replaceChildren(svg);
}

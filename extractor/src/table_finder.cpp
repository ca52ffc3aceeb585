#include "table_finder.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>

#include "geometry.h"

namespace sheetx::extractor {
namespace {

// Sorted distinct values, values closer than `tolerance` to the previous kept one merged into it.
std::vector<double> distinct_positions(std::vector<double> values, double tolerance) {
  std::sort(values.begin(), values.end());
  std::vector<double> out;
  for (double v : values) {
    if (out.empty() || v - out.back() > tolerance) out.push_back(v);
  }
  return out;
}

// Index of the position nearest to v.
int nearest_index(const std::vector<double>& positions, double v) {
  auto it = std::lower_bound(positions.begin(), positions.end(), v);
  if (it == positions.end()) return static_cast<int>(positions.size()) - 1;
  if (it != positions.begin() && v - *(it - 1) < *it - v) --it;
  return static_cast<int>(it - positions.begin());
}

bool share_edge(const std::vector<int>& a, const std::vector<int>& b) {
  return std::any_of(a.begin(), a.end(), [&](int e) { return std::find(b.begin(), b.end(), e) != b.end(); });
}

}  // namespace

namespace {

// Parallel edges of one direction, sorted by position, for range look-ups.
struct EdgeIndex {
  std::vector<AxisEdge> edges;
  explicit EdgeIndex(std::vector<AxisEdge> e) : edges(std::move(e)) {
    std::sort(edges.begin(), edges.end(), [](const AxisEdge& a, const AxisEdge& b) { return a.pos < b.pos; });
  }
  // True when an edge lies within `distance` of pos and overlaps [lo, hi] by half its length.
  bool near(double pos, double lo, double hi, double distance) const {
    auto it = std::lower_bound(edges.begin(), edges.end(), pos - distance,
                               [](const AxisEdge& e, double v) { return e.pos < v; });
    for (; it != edges.end() && it->pos <= pos + distance; ++it) {
      if (std::min(hi, it->hi) - std::max(lo, it->lo) >= (hi - lo) / 2) return true;
    }
    return false;
  }
};

// Dots (filled squares or images no wider than an edge) -> the dotted edges they make: runs of
// three or more on one line, each within max_dash_gap of the next, appended to `edges`.
void dots_to_edges(std::vector<Box> dots, const Settings& settings, std::vector<AxisEdge>& edges) {
  constexpr double kInLine = 0.01;  // dots of one edge share their centre line
  constexpr size_t kMinDots = 3;
  for (bool horizontal : {true, false}) {
    auto across = [&](const Box& b) { return horizontal ? b.cy() : b.cx(); };
    auto lo = [&](const Box& b) { return horizontal ? b.x0 : b.y0; };
    auto hi = [&](const Box& b) { return horizontal ? b.x1 : b.y1; };
    std::sort(dots.begin(), dots.end(), [&](const Box& a, const Box& b) {
      return std::pair(across(a), lo(a)) < std::pair(across(b), lo(b));
    });
    for (size_t start = 0; start < dots.size();) {
      size_t end = start + 1;
      while (end < dots.size() && std::abs(across(dots[end]) - across(dots[start])) <= kInLine &&
             lo(dots[end]) - hi(dots[end - 1]) <= settings.max_dash_gap) {
        ++end;
      }
      if (end - start >= kMinDots) edges.push_back({horizontal, across(dots[start]), lo(dots[start]), hi(dots[end - 1])});
      start = end;
    }
  }
}

}  // namespace

std::vector<AxisEdge> paths_to_edges(const std::vector<PathPiece>& pieces, const Settings& settings) {
  std::vector<AxisEdge> edges;
  std::vector<Box> wide_fills, dots;
  for (const PathPiece& p : pieces) {
    Box b = p.box;
    bool filled = p.filled;
    if (!filled && p.width > settings.max_edge_thickness) {
      // A pen wider than an edge paints a band: take it as the filled rectangle it draws.
      double half = p.width / 2;
      b = b.y0 == b.y1 ? Box{b.x0, b.y0 - half, b.x1, b.y1 + half} : Box{b.x0 - half, b.y0, b.x1 + half, b.y1};
      filled = true;
    }
    if (filled && p.white) continue;  // a white fill shows no edge on paper (text backgrounds)
    bool thin = std::min(b.width(), b.height()) <= settings.max_edge_thickness;
    if (p.image && !thin) continue;  // a picture, not an edge
    if (filled && std::max(b.width(), b.height()) <= settings.max_edge_thickness) {
      dots.push_back(b);  // a dot of a dotted edge, which runs either way
      continue;
    }
    if (!filled) {
      if (b.y0 == b.y1) edges.push_back({true, b.y0, b.x0, b.x1});
      else edges.push_back({false, b.x0, b.y0, b.y1});
    } else if (b.height() <= settings.max_edge_thickness && b.height() <= b.width()) {
      edges.push_back({true, b.cy(), b.x0, b.x1});
    } else if (b.width() <= settings.max_edge_thickness) {
      edges.push_back({false, b.cx(), b.y0, b.y1});
    } else {
      wide_fills.push_back(b);
    }
  }
  dots_to_edges(dots, settings, edges);
  // A wider fill is a cell's background. Where a drawn edge runs along one of its sides (within
  // max_shading_inset: Word sets shading inside the cell's lines) it is shading and adds no edge;
  // elsewhere (tables ruled by their cell colours alone) its sides are the rulings.
  std::vector<AxisEdge> horizontal, vertical;
  for (const AxisEdge& e : edges) (e.horizontal ? horizontal : vertical).push_back(e);
  EdgeIndex rows(std::move(horizontal)), columns(std::move(vertical));
  double inset = settings.max_shading_inset;
  for (const Box& b : wide_fills) {
    bool shading = rows.near(b.y0, b.x0, b.x1, inset) || rows.near(b.y1, b.x0, b.x1, inset) ||
                   columns.near(b.x0, b.y0, b.y1, inset) || columns.near(b.x1, b.y0, b.y1, inset);
    if (shading) continue;
    edges.push_back({true, b.y0, b.x0, b.x1});
    edges.push_back({true, b.y1, b.x0, b.x1});
    edges.push_back({false, b.x0, b.y0, b.y1});
    edges.push_back({false, b.x1, b.y0, b.y1});
  }
  return edges;
}

std::vector<AxisEdge> merge_edges(std::vector<AxisEdge> raw, const Settings& settings) {
  // Snap: a cluster of parallel edges whose positions chain within the tolerance takes its mean.
  std::sort(raw.begin(), raw.end(), [](const AxisEdge& a, const AxisEdge& b) {
    return std::pair(!a.horizontal, a.pos) < std::pair(!b.horizontal, b.pos);  // horizontal first
  });
  for (size_t start = 0; start < raw.size();) {
    size_t end = start + 1;
    while (end < raw.size() && raw[end].horizontal == raw[start].horizontal &&
           raw[end].pos - raw[end - 1].pos <= settings.snap_tolerance) {
      ++end;
    }
    double sum = 0;
    for (size_t i = start; i < end; ++i) sum += raw[i].pos;
    for (size_t i = start; i < end; ++i) raw[i].pos = sum / static_cast<double>(end - start);
    start = end;
  }
  // Join: collinear edges that overlap or nearly touch become one (a line drawn twice is one);
  // dashes and dots (pieces shorter than an edge) join across gaps up to max_dash_gap.
  std::sort(raw.begin(), raw.end(), [](const AxisEdge& a, const AxisEdge& b) {
    return std::tuple(!a.horizontal, a.pos, a.lo) < std::tuple(!b.horizontal, b.pos, b.lo);
  });
  std::vector<AxisEdge> joined;
  bool last_is_dash = false;
  for (const AxisEdge& e : raw) {
    bool dash = e.hi - e.lo < settings.min_edge_length;
    if (!joined.empty()) {
      AxisEdge& last = joined.back();
      double gap = last_is_dash && dash ? std::max(settings.join_tolerance, settings.max_dash_gap) : settings.join_tolerance;
      if (last.horizontal == e.horizontal && last.pos == e.pos && e.lo <= last.hi + gap) {
        if (e.hi > last.hi) last_is_dash = dash;
        last.hi = std::max(last.hi, e.hi);
        continue;
      }
    }
    joined.push_back(e);
    last_is_dash = dash;
  }
  std::erase_if(joined, [&](const AxisEdge& e) { return e.hi - e.lo < settings.min_edge_length; });
  return joined;
}

std::vector<AxisEdge> close_open_frames(std::vector<AxisEdge> edges, const Settings& settings) {
  double tol = settings.snap_tolerance;
  double meet = settings.intersection_tolerance;
  std::vector<size_t> rows, columns;
  for (size_t i = 0; i < edges.size(); ++i) (edges[i].horizontal ? rows : columns).push_back(i);
  std::vector<bool> seen(edges.size(), false);
  std::vector<AxisEdge> added;
  for (size_t a : rows) {
    if (seen[a]) continue;
    // The horizontal edges that start and end where this one does, top to bottom.
    std::vector<double> ys;
    for (size_t b : rows) {
      if (std::abs(edges[b].lo - edges[a].lo) <= tol && std::abs(edges[b].hi - edges[a].hi) <= tol) {
        ys.push_back(edges[b].pos);
        seen[b] = true;
      }
    }
    std::sort(ys.begin(), ys.end());
    double lo = edges[a].lo, hi = edges[a].hi;
    auto spans = [&](const AxisEdge& v, double top, double bottom) { return v.lo <= top + meet && v.hi >= bottom - meet; };
    // Each band between two of them that a column edge divides, and whose rows meet no column
    // edge at an end, gets the closing edge there; touching bands' edges are one.
    for (double end : {lo, hi}) {
      for (size_t c : columns) {  // on the column edge the end already nearly meets, if any
        if (std::abs(edges[c].pos - end) <= tol) end = edges[c].pos;
      }
      for (size_t i = 0; i + 1 < ys.size(); ++i) {
        bool divided = false, closed = false;
        for (size_t c : columns) {
          const AxisEdge& v = edges[c];
          // A column edge at the end that either row meets closes it (a T-junction or corner).
          if (std::abs(v.pos - end) <= meet) closed = closed || spans(v, ys[i], ys[i]) || spans(v, ys[i + 1], ys[i + 1]);
          else if (spans(v, ys[i], ys[i + 1]) && v.pos > lo + meet && v.pos < hi - meet) divided = true;
        }
        if (!divided || closed) continue;
        if (!added.empty() && !added.back().horizontal && added.back().pos == end && added.back().hi == ys[i]) {
          added.back().hi = ys[i + 1];
        } else {
          added.push_back({false, end, ys[i], ys[i + 1]});
        }
      }
    }
  }
  edges.insert(edges.end(), added.begin(), added.end());
  return edges;
}

std::vector<Box> edges_to_floating_boxes(std::vector<AxisEdge>& edges, const Settings& settings) {
  double tol = settings.intersection_tolerance;
  double clear = settings.floating_box_clearance;
  auto near = [&](double a, double b) { return std::abs(a - b) <= tol; };
  std::vector<Box> boxes;
  std::vector<bool> taken(edges.size(), false);
  for (size_t t = 0; t < edges.size(); ++t) {
    const AxisEdge& top = edges[t];
    if (!top.horizontal || taken[t]) continue;
    // Four edges that each end at the box's corners: top, left, right and bottom.
    auto side = [&](bool horizontal, double pos, double lo, double hi) -> std::optional<size_t> {
      for (size_t i = 0; i < edges.size(); ++i) {
        const AxisEdge& e = edges[i];
        if (!taken[i] && e.horizontal == horizontal && i != t && near(e.pos, pos) && near(e.lo, lo) && near(e.hi, hi)) return i;
      }
      return std::nullopt;
    };
    for (size_t l = 0; l < edges.size(); ++l) {
      const AxisEdge& left = edges[l];
      if (left.horizontal || taken[l] || !near(left.pos, top.lo) || !near(left.lo, top.pos)) continue;
      auto r = side(false, top.hi, left.lo, left.hi);
      auto b = side(true, left.hi, top.lo, top.hi);
      if (!r || !b) continue;
      Box box{top.lo, top.pos, top.hi, left.hi};
      // Floating: other edges cross its sides, none ends on them.
      bool crossed = false, met = false;
      for (size_t i = 0; i < edges.size() && !met; ++i) {
        if (i == t || i == l || i == *r || i == *b) continue;
        const AxisEdge& e = edges[i];
        double across0 = e.horizontal ? box.x0 : box.y0, across1 = e.horizontal ? box.x1 : box.y1;
        double along0 = e.horizontal ? box.y0 : box.x0, along1 = e.horizontal ? box.y1 : box.x1;
        if (e.pos < along0 - clear || e.pos > along1 + clear) continue;
        for (double side_pos : {across0, across1}) {
          bool ends_here = std::abs(e.lo - side_pos) <= clear || std::abs(e.hi - side_pos) <= clear;
          if (ends_here) met = true;
          else if (e.lo < side_pos && e.hi > side_pos) crossed = true;
        }
      }
      if (!crossed || met) continue;
      boxes.push_back(box);
      taken[t] = taken[l] = taken[*r] = taken[*b] = true;
      break;
    }
  }
  std::vector<AxisEdge> kept;
  for (size_t i = 0; i < edges.size(); ++i) {
    if (!taken[i]) kept.push_back(edges[i]);
  }
  edges = std::move(kept);
  return boxes;
}

Intersections edges_to_intersections(const std::vector<AxisEdge>& edges, const Settings& settings) {
  Intersections points;
  double tol = settings.intersection_tolerance;
  for (size_t v = 0; v < edges.size(); ++v) {
    if (edges[v].horizontal) continue;
    for (size_t h = 0; h < edges.size(); ++h) {
      if (!edges[h].horizontal) continue;
      const AxisEdge& ve = edges[v];
      const AxisEdge& he = edges[h];
      if (he.pos >= ve.lo - tol && he.pos <= ve.hi + tol && ve.pos >= he.lo - tol && ve.pos <= he.hi + tol) {
        Intersection& point = points[{ve.pos, he.pos}];
        point.vertical.push_back(static_cast<int>(v));
        point.horizontal.push_back(static_cast<int>(h));
      }
    }
  }
  return points;
}

std::vector<Box> intersections_to_cells(const Intersections& points) {
  // Points by column (same x, top to bottom) and by row (same y, left to right).
  std::map<double, std::vector<Point>> by_x, by_y;
  for (const auto& [pt, _] : points) {
    by_x[pt.first].push_back(pt);
    by_y[pt.second].push_back(pt);
  }
  for (auto& [_, column] : by_x) std::sort(column.begin(), column.end(), [](auto& a, auto& b) { return a.second < b.second; });
  std::vector<Box> cells;
  for (const auto& [top_left, tl] : points) {
    const auto& column = by_x[top_left.first];
    const auto& row = by_y[top_left.second];
    bool found = false;
    // The nearest corner below, then the nearest to the right, that close a ruled rectangle.
    for (auto below = std::upper_bound(column.begin(), column.end(), top_left,
                                       [](auto& a, auto& b) { return a.second < b.second; });
         below != column.end() && !found; ++below) {
      const Intersection& bl = points.at(*below);
      if (!share_edge(tl.vertical, bl.vertical)) continue;
      for (auto right = std::upper_bound(row.begin(), row.end(), top_left); right != row.end(); ++right) {
        const Intersection& tr = points.at(*right);
        if (!share_edge(tl.horizontal, tr.horizontal)) continue;
        auto br = points.find({right->first, below->second});
        if (br == points.end() || !share_edge(br->second.vertical, tr.vertical) ||
            !share_edge(br->second.horizontal, bl.horizontal)) {
          continue;
        }
        cells.push_back({top_left.first, top_left.second, right->first, below->second});
        found = true;
        break;
      }
    }
  }
  return cells;
}

std::vector<std::vector<Box>> cells_to_tables(const std::vector<Box>& cells) {
  // Union-find over cells through their shared corners.
  std::vector<size_t> parent(cells.size());
  for (size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  auto root = [&](size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  std::map<Point, size_t> corner_owner;
  for (size_t i = 0; i < cells.size(); ++i) {
    const Box& c = cells[i];
    for (Point corner : {Point{c.x0, c.y0}, Point{c.x1, c.y0}, Point{c.x0, c.y1}, Point{c.x1, c.y1}}) {
      auto [it, inserted] = corner_owner.emplace(corner, i);
      if (!inserted) parent[root(i)] = root(it->second);
    }
  }
  std::map<size_t, std::vector<Box>> groups;
  for (size_t i = 0; i < cells.size(); ++i) groups[root(i)].push_back(cells[i]);
  std::vector<std::vector<Box>> tables;
  for (auto& [_, group] : groups) {
    tables.push_back(std::move(group));
  }
  return tables;
}

std::vector<Box> cells_to_tiles(const std::vector<Box>& cells) {
  constexpr double kSame = 0.01;  // cells come from snapped edges: equal edges are equal numbers
  std::vector<double> xs, ys;
  for (const Box& c : cells) {
    xs.insert(xs.end(), {c.x0, c.x1});
    ys.insert(ys.end(), {c.y0, c.y1});
  }
  xs = distinct_positions(xs, kSame);
  ys = distinct_positions(ys, kSame);
  size_t cols = xs.size() - 1;
  std::vector<bool> covered(cols * (ys.size() - 1), false);
  // Smaller cells first: a region that spans others keeps only the slots they leave.
  std::vector<Box> order = cells;
  std::stable_sort(order.begin(), order.end(),
                   [](const Box& a, const Box& b) { return a.width() * a.height() < b.width() * b.height(); });
  std::vector<Box> tiles;
  for (const Box& c : order) {
    int r0 = nearest_index(ys, c.y0), r1 = nearest_index(ys, c.y1);
    int c0 = nearest_index(xs, c.x0), c1 = nearest_index(xs, c.x1);
    auto slot = [&](int r, int k) { return covered[static_cast<size_t>(r) * cols + static_cast<size_t>(k)]; };
    bool whole = true;
    for (int r = r0; r < r1; ++r) {
      for (int k = c0; k < c1; ++k) whole = whole && !slot(r, k);
    }
    // The free slots, taken as rectangles: from the first free slot right, then down.
    for (int r = r0; r < r1; ++r) {
      for (int k = c0; k < c1; ++k) {
        if (slot(r, k)) continue;
        int k1 = k + 1;
        while (k1 < c1 && !slot(r, k1)) ++k1;
        int rr = r + 1;
        auto row_free = [&](int row) {
          for (int j = k; j < k1; ++j) {
            if (slot(row, j)) return false;
          }
          return true;
        };
        while (rr < r1 && row_free(rr)) ++rr;
        for (int i = r; i < rr; ++i) {
          for (int j = k; j < k1; ++j) covered[static_cast<size_t>(i) * cols + static_cast<size_t>(j)] = true;
        }
        tiles.push_back(whole ? c : Box{xs[static_cast<size_t>(k)], ys[static_cast<size_t>(r)], xs[static_cast<size_t>(k1)],
                                        ys[static_cast<size_t>(rr)]});
      }
    }
  }
  return tiles;
}

bool in_grid_order(const Cell& a, const Cell& b) { return std::pair(a.row, a.col) < std::pair(b.row, b.col); }

Box cells_to_box(const std::vector<Box>& cells) {
  Box box = cells.front();
  for (const Box& c : cells) box = unite(box, c);
  return box;
}

Table cells_to_grid(const std::vector<Box>& cells, int rotation, double page_width, double page_height) {
  // Grid positions are read in the upright frame of the table's text; boxes stay page boxes.
  std::vector<Box> upright;
  std::vector<double> ys, xs;
  for (const Box& c : cells) {
    upright.push_back(to_upright(c, rotation, page_width, page_height));
    ys.insert(ys.end(), {upright.back().y0, upright.back().y1});
    xs.insert(xs.end(), {upright.back().x0, upright.back().x1});
  }
  // Cells come from snapped edges, so equal edges are equal numbers; the tolerance only absorbs
  // rounding in the upright turn.
  constexpr double kSame = 0.01;
  std::vector<double> row_edges = distinct_positions(ys, kSame);
  std::vector<double> col_edges = distinct_positions(xs, kSame);
  Table table;
  table.rotation = rotation;
  table.rows = static_cast<int>(row_edges.size()) - 1;
  table.cols = static_cast<int>(col_edges.size()) - 1;
  table.box = cells_to_box(cells);
  for (size_t i = 0; i < cells.size(); ++i) {
    const Box& u = upright[i];
    Cell cell;
    cell.box = cells[i];
    cell.row = nearest_index(row_edges, u.y0);
    cell.col = nearest_index(col_edges, u.x0);
    cell.row_span = nearest_index(row_edges, u.y1) - cell.row;
    cell.col_span = nearest_index(col_edges, u.x1) - cell.col;
    table.cells.push_back(std::move(cell));
  }
  std::sort(table.cells.begin(), table.cells.end(), in_grid_order);
  // Edges back in page coordinates, in reading order: y for upright text, x for text turned 90/270.
  auto to_page = [&](double v, bool row_axis) {
    switch (rotation) {
      case 90: return row_axis ? page_width - v : v;
      case 180: return row_axis ? page_height - v : page_width - v;
      case 270: return row_axis ? v : page_height - v;
      default: return v;
    }
  };
  for (double v : row_edges) table.row_edges.push_back(to_page(v, true));
  for (double v : col_edges) table.col_edges.push_back(to_page(v, false));
  return table;
}

std::vector<Edge> edges_to_page_edges(const std::vector<AxisEdge>& edges) {
  std::vector<Edge> page_edges;
  for (const AxisEdge& e : edges) {
    if (e.horizontal) page_edges.push_back({e.lo, e.pos, e.hi, e.pos});
    else page_edges.push_back({e.pos, e.lo, e.pos, e.hi});
  }
  return page_edges;
}

}  // namespace sheetx::extractor

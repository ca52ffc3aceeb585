#include "table_finder.h"

#include <algorithm>
#include <cmath>

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

std::vector<Edge> paths_to_rules(const std::vector<PathPiece>& pieces, const Settings& settings) {
  std::vector<Edge> edges;
  for (const PathPiece& p : pieces) {
    Box b = p.box;
    bool filled = p.filled;
    if (!filled && p.width > settings.max_rule_thickness) {
      // A pen wider than a rule paints a band: take it as the filled rectangle it draws.
      double half = p.width / 2;
      b = b.y0 == b.y1 ? Box{b.x0, b.y0 - half, b.x1, b.y1 + half} : Box{b.x0 - half, b.y0, b.x1 + half, b.y1};
      filled = true;
    }
    if (filled && p.white) continue;  // a white fill shows no edge on paper (text backgrounds)
    if (!filled) {
      if (b.y0 == b.y1) edges.push_back({true, b.y0, b.x0, b.x1});
      else edges.push_back({false, b.x0, b.y0, b.y1});
    } else if (b.height() <= settings.max_rule_thickness && b.height() <= b.width()) {
      edges.push_back({true, b.cy(), b.x0, b.x1});
    } else if (b.width() <= settings.max_rule_thickness) {
      edges.push_back({false, b.cx(), b.y0, b.y1});
    } else {
      edges.push_back({true, b.y0, b.x0, b.x1});
      edges.push_back({true, b.y1, b.x0, b.x1});
      edges.push_back({false, b.x0, b.y0, b.y1});
      edges.push_back({false, b.x1, b.y0, b.y1});
    }
  }
  return edges;
}

std::vector<Edge> rules_to_edges(std::vector<Edge> raw, const Settings& settings) {
  // Snap: a cluster of parallel edges whose positions chain within the tolerance takes its mean.
  std::sort(raw.begin(), raw.end(), [](const Edge& a, const Edge& b) {
    return a.horizontal != b.horizontal ? a.horizontal : a.pos < b.pos;
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
  // Join: collinear edges that overlap or nearly touch become one (a line drawn twice is one).
  std::sort(raw.begin(), raw.end(), [](const Edge& a, const Edge& b) {
    if (a.horizontal != b.horizontal) return a.horizontal;
    return a.pos != b.pos ? a.pos < b.pos : a.lo < b.lo;
  });
  std::vector<Edge> joined;
  for (const Edge& e : raw) {
    if (!joined.empty()) {
      Edge& last = joined.back();
      if (last.horizontal == e.horizontal && last.pos == e.pos && e.lo <= last.hi + settings.join_tolerance) {
        last.hi = std::max(last.hi, e.hi);
        continue;
      }
    }
    joined.push_back(e);
  }
  std::erase_if(joined, [&](const Edge& e) { return e.hi - e.lo < settings.min_rule_length; });
  return joined;
}

Intersections edges_to_intersections(const std::vector<Edge>& edges, const Settings& settings) {
  Intersections points;
  double tol = settings.intersection_tolerance;
  for (size_t v = 0; v < edges.size(); ++v) {
    if (edges[v].horizontal) continue;
    for (size_t h = 0; h < edges.size(); ++h) {
      if (!edges[h].horizontal) continue;
      const Edge& ve = edges[v];
      const Edge& he = edges[h];
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
  std::sort(table.cells.begin(), table.cells.end(),
            [](const Cell& a, const Cell& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; });
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

std::vector<Rule> edges_to_rules(const std::vector<Edge>& edges) {
  std::vector<Rule> rules;
  for (const Edge& e : edges) {
    if (e.horizontal) rules.push_back({e.lo, e.pos, e.hi, e.pos});
    else rules.push_back({e.pos, e.lo, e.pos, e.hi});
  }
  return rules;
}

}  // namespace sheetx::extractor

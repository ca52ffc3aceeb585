// The table finder: ruling lines ("edges", as pdfplumber calls them) to cell grids, in the steps
// of pdfplumber's table finder.
// Every step is a function named for what it turns into what; all boxes are page points,
// top-left origin, on the page as displayed.
#pragma once

#include <map>
#include <utility>
#include <vector>

#include "sheetx/extractor.h"
#include "page_contents.h"

namespace sheetx::extractor {

// An edge as the finder works on it: a position across its axis and an extent along it (Page::edges
// gives the same lines by their end points).
struct AxisEdge {  // always built whole: {horizontal, pos, lo, hi}
  bool horizontal;
  double pos;         // y of a horizontal edge, x of a vertical one
  double lo, hi;      // its extent along the other axis
};

// Where a vertical and a horizontal edge meet, with the edges (indices) that pass through it.
struct Intersection {
  std::vector<int> vertical, horizontal;
};
using Point = std::pair<double, double>;  // (x, y)
using Intersections = std::map<Point, Intersection>;

// Path pieces -> raw edges: strokes as they are (a pen wider than max_edge_thickness as the band
// it paints), thin filled rectangles as their centre line, wider ones (cell backgrounds) as their
// four sides unless a drawn edge runs within max_shading_inset of a side (then they are shading,
// no edge); white fills are left out (invisible on paper), white strokes kept (rulings over
// coloured cells).
std::vector<AxisEdge> paths_to_edges(const std::vector<PathPiece>& pieces, const Settings& settings);

// Raw edges -> ruling edges: parallel edges within snap_tolerance moved to one position,
// collinear ones overlapping or within join_tolerance joined (dashes and dots, pieces under
// min_edge_length, within max_dash_gap), those under min_edge_length dropped.
std::vector<AxisEdge> merge_edges(std::vector<AxisEdge> raw, const Settings& settings);

// Ruling edges -> the same plus the missing outer columns of open frames: where two or more
// horizontal edges start and end together and a vertical edge between their ends crosses two of
// them, a vertical edge at each end that has none.
std::vector<AxisEdge> close_open_frames(std::vector<AxisEdge> edges, const Settings& settings);

// Ruling edges -> the boxes floating over a grid (text boxes), their four edges taken out of
// `edges`: four edges ending at a rectangle's corners, crossed by other edges, and with no other
// edge ending within floating_box_clearance of its sides.
std::vector<Box> edges_to_floating_boxes(std::vector<AxisEdge>& edges, const Settings& settings);

// Ruling edges -> the points where a vertical and a horizontal edge meet (intersection_tolerance).
Intersections edges_to_intersections(const std::vector<AxisEdge>& edges, const Settings& settings);

// Intersections -> the smallest ruled rectangles; a merged cell is one rectangle.
std::vector<Box> intersections_to_cells(const Intersections& points);

// Cell rectangles -> tables: groups of cells that share corners (a single ruled box is a group).
std::vector<std::vector<Box>> cells_to_tables(const std::vector<Box>& cells);

// A table's cell rectangles -> rectangles that cover each slot of its grid once: a region that
// spans smaller cells (an L-shaped heading and indent) keeps only the slots they leave, split
// into rectangles (first free slot rightwards, then down).
std::vector<Box> cells_to_tiles(const std::vector<Box>& cells);

// Whether cell `a` comes before `b` in a grid's order: by row, then column.
bool in_grid_order(const Cell& a, const Cell& b);

// The box around a table's cells.
Box cells_to_box(const std::vector<Box>& cells);

// A table's cell rectangles -> its grid (rows, columns, spans), read in the direction of its
// text: rotation 0, 90, 180 or 270 degrees clockwise. Cell text is left empty.
Table cells_to_grid(const std::vector<Box>& cells, int rotation, double page_width, double page_height);

// Ruling edges -> the page's public ones (Page::edges), by their end points.
std::vector<Edge> edges_to_page_edges(const std::vector<AxisEdge>& edges);

}  // namespace sheetx::extractor

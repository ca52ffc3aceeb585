// The PDFs a command is pointed at: files, folders searched recursively, or "-" for a list of
// paths on standard input, in a stable order.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace sheetx::cli {

struct Input {
  std::string path;      // as it can be opened
  std::string relative;  // below the folder it was found in (the file name for a named file)
};

struct InputList {
  std::vector<Input> files;
  std::vector<std::string> problems;  // "PATH: cause", one per argument that gave nothing
};

// Folders give their *.pdf files (any case) sorted by path; symlinked folders are not followed,
// so a symlink loop cannot trap the walk; a *.pdf that is no file (a dangling symlink, a pipe)
// and a folder that cannot be listed are problems; a named file is taken whatever its name.
InputList list_inputs(const std::vector<std::string>& arguments, std::istream& standard_input);

}  // namespace sheetx::cli

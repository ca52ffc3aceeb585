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

// A path that gives nothing to read, and why ("a symlink to nothing", "not a file (a named pipe)").
struct Problem {
  std::string path;
  std::string cause;
};

struct InputList {
  std::vector<Input> files;
  std::vector<Problem> problems;  // one per path that gave nothing
};

// Folders give their *.pdf files (any case) sorted by path; symlinked folders are not followed,
// so a symlink loop cannot trap the walk; a *.pdf that is no file (a dangling symlink, a
// symlink loop, a pipe) and a folder that cannot be listed are problems; a named path is taken
// whatever its name when it is a file, and is a problem with its cause when it is none (a pipe
// would block the worker that opened it, a device read for ever).
InputList list_inputs(const std::vector<std::string>& arguments, std::istream& standard_input);

}  // namespace sheetx::cli

// sheetx records, written whole or not at all.
//
// In:  the bytes of an output file, given in pieces or at once.
// Out: the file in place, complete, or the previous file left as it was.
#pragma once

#include <string>
#include <string_view>

namespace sheetx::records {

// A file written whole or not at all: the bytes go to a temporary file of its own beside the
// target (two runs never mix their bytes), which commit() syncs and renames into place, so that
// an existing file is only ever replaced by a complete new one. Dropped uncommitted, the
// temporary is removed and the target left as it was. Errors throw std::runtime_error naming
// the target.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  void write(std::string_view bytes);
  void commit();

 private:
  void discard() noexcept;  // closes and removes the temporary file, if still open
  [[noreturn]] void fail(int error);
  std::string path_, temporary_;
  int fd_ = -1;
};

void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace sheetx::records

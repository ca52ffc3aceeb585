// Writing outputs whole or not at all.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "sheetx/records.h"

namespace sheetx::records {

namespace {

// "-" and six random letters or digits, as mkstemp makes them.
std::string random_suffix(std::mt19937_64& random) {
  static constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string suffix = "-";
  for (int i = 0; i < 6; ++i) suffix += kLetters[random() % kLetters.size()];
  return suffix;
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  const std::filesystem::path target(path_);
  std::error_code error;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), error);
  // A name of its own made here rather than by mkstemp, whose 0600 would need the umask read
  // (umask() sets it too, for the whole process): open() applies the umask to 0666 itself.
  std::mt19937_64 random(std::random_device{}());
  for (int attempt = 0; fd_ < 0; ++attempt) {
    temporary_ = path_ + ".part" + random_suffix(random);
    fd_ = open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0 && (errno != EEXIST || attempt == 100)) fail(errno);
  }
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard() noexcept {
  if (fd_ < 0) return;
  close(fd_);
  std::remove(temporary_.c_str());
  fd_ = -1;  // closed once: the number may already be another file's
}

void AtomicFile::fail(int error) {
  discard();
  throw std::runtime_error(path_ + ": cannot write: " + std::strerror(error));
}

void AtomicFile::write(std::string_view bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n <= 0) fail(n < 0 ? errno : EIO);
    done += static_cast<std::size_t>(n);
  }
}

void AtomicFile::commit() {
  if (fsync(fd_) != 0) fail(errno);  // on disk before it takes the name: a crash leaves old or new
  const int fd = fd_;
  fd_ = -1;
  if (close(fd) != 0 || std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary_.c_str());
    throw std::runtime_error(path_ + ": cannot write: " + std::strerror(error));
  }
}

void write_file_atomically(const std::string& path, const std::string& content) {
  AtomicFile file(path);
  file.write(content);
  file.commit();
}

}  // namespace sheetx::records

import Foundation

/// Lines from standard input (or a file), read on their own thread so that the exam clock keeps running while the
/// terminal waits for a key.
enum LineSource {
    static func lines(from path: String?) throws -> AsyncStream<String> {
        let handle: FileHandle
        if let path {
            guard let h = FileHandle(forReadingAtPath: path) else { throw ValidationFailure(message: "cannot read input file '\(path)'") }
            handle = h
        } else {
            handle = FileHandle.standardInput
        }
        // Our own descriptor, taken now: the handle closes its descriptor when it goes away, which for a file is as
        // soon as this function returns.
        let fd = dup(handle.fileDescriptor)
        return AsyncStream { continuation in
            let thread = Thread {
                guard let file = fdopen(fd, "r") else { continuation.finish(); return }
                var buffer: UnsafeMutablePointer<CChar>?
                var capacity = 0
                while getline(&buffer, &capacity, file) > 0 {
                    guard let buffer else { break }
                    var line = String(cString: buffer)
                    while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
                    continuation.yield(line)
                }
                free(buffer)
                fclose(file)
                continuation.finish()
            }
            thread.start()
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Number of online processors, used to size task groups (Foundation's `ProcessInfo` is off limits here).
func activeProcessorCount() -> Int {
    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #else
        return 1
    #endif
}

/// Splits `0..<count` into at most `parts` contiguous, nearly equal ranges.
func chunkRanges(count: Int, parts: Int) -> [Range<Int>] {
    let parts = max(1, min(parts, count))
    var out: [Range<Int>] = []
    out.reserveCapacity(parts)
    for k in 0..<parts {
        let lo = count * k / parts
        let hi = count * (k + 1) / parts
        if hi > lo { out.append(lo..<hi) }
    }
    return out
}

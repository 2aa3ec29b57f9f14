#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(ucrt)
    import ucrt
#endif

// Elementary functions come from the platform C library: the module promises "standard library only", and the C
// math library ships with every Swift toolchain. Calling C `pow` also keeps FSRS bit-for-bit equal to py-fsrs, which
// uses the same `pow`.

/// Natural exponential, logarithm and friends used by the numeric code, named once so call sites read plainly.
@inline(__always) func mexp(_ x: Double) -> Double { exp(x) }
@inline(__always) func mlog(_ x: Double) -> Double { log(x) }
@inline(__always) func mpow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inline(__always) func msqrt(_ x: Double) -> Double { x.squareRoot() }
@inline(__always) func merf(_ x: Double) -> Double { erf(x) }
@inline(__always) func merfc(_ x: Double) -> Double { erfc(x) }
@inline(__always) func mlog1p(_ x: Double) -> Double { log1p(x) }
@inline(__always) func mexpm1(_ x: Double) -> Double { expm1(x) }
@inline(__always) func mlgamma(_ x: Double) -> Double { lgamma(x) }

/// The logistic function, computed without overflow for large |x|.
@inline(__always) func logistic(_ x: Double) -> Double {
    if x >= 0 {
        return 1 / (1 + exp(-x))
    }
    let e = exp(x)
    return e / (1 + e)
}

/// Standard normal cumulative distribution function.
@inline(__always) func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
@inline(__always) func cosine(_ x: Double) -> Double { cos(x) }

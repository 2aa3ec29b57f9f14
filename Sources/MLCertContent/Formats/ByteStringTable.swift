/// Interns short byte strings (ids read from a file) as dense indices 0, 1, 2, ... without making a `String` per
/// lookup: an open-addressing hash table over the bytes themselves. Reading a response file of millions of rows does
/// one lookup per id per row, so this is what keeps the read proportional to the file and not to string allocation.
struct ByteStringTable {
    /// The bytes of every distinct key, end to end; key `k` is `storage[offsets[k] ..< offsets[k + 1]]`.
    private(set) var storage: [UInt8] = []
    private(set) var offsets: [Int] = [0]
    /// Slot → key index + 1 (0 = empty); the capacity is a power of two kept at least twice the count.
    private var slots = [Int32](repeating: 0, count: 1024)
    private var hashes: [UInt64] = []

    var count: Int { offsets.count - 1 }

    /// The index of `bytes`, adding it if new.
    mutating func index(of bytes: UnsafeRawBufferPointer) -> Int {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 {
            let k = Int(slots[slot]) - 1
            if hashes[k] == hash && equal(k, bytes) { return k }
            slot = (slot + 1) & (slots.count - 1)
        }
        let k = count
        storage.append(contentsOf: bytes)
        offsets.append(storage.count)
        hashes.append(hash)
        slots[slot] = Int32(k + 1)
        if count * 2 > slots.count { grow() }
        return k
    }

    /// Key `k` as a string.
    func string(_ k: Int) -> String { String(decoding: storage[offsets[k]..<offsets[k + 1]], as: UTF8.self) }

    /// Whether key `k` is exactly `bytes`: lets a reader reuse the previous row's id without hashing it again.
    func equal(_ k: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[k]
        guard offsets[k + 1] - start == bytes.count else { return false }
        for i in 0..<bytes.count where storage[start + i] != bytes[i] { return false }
        return true
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        for k in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[k]) & (bigger.count - 1)
            while bigger[slot] != 0 { slot = (slot + 1) & (bigger.count - 1) }
            bigger[slot] = Int32(k + 1)
        }
        slots = bigger
    }

    /// FNV-1a, then a final mix so that nearby ids spread over the table.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        return h ^ (h >> 33)
    }
}

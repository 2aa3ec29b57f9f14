import Foundation

/// Writes the appends of many sessions in one transaction, so that one durable commit (one fsync) acknowledges all of
/// them: group commit.
///
/// A store with a durable commit per answer is limited by the disk's flush time (a few hundred answers a second on
/// this project's machines). Here the first caller to find no write in progress becomes the *leader*: it takes its own
/// job and everything queued so far, hands the batch to `write` (one transaction, each job in its own savepoint so one
/// job's conflict does not undo the others), and when the commit returns it resumes every job of the batch with its
/// own result. Callers that arrive while a batch is being written queue up and form the next batch, led by the first
/// of them, so no caller writes other people's batches for long and no task outlives its request.
///
/// Durability is unchanged: a job's `submit` returns only after the transaction holding it has committed, so an
/// acknowledged answer is on disk exactly as before; a failed commit fails every job of its batch.
public final class GroupCommit<Job: Sendable>: @unchecked Sendable {
    /// Writes a batch in one transaction and returns one result per job, in order. Throwing fails the whole batch
    /// (the transaction did not commit).
    public typealias Writer = @Sendable ([Job]) async throws -> [Result<Void, any Error>]

    private enum Outcome {
        case done(Result<Void, any Error>)
        case lead
    }

    private struct Waiting {
        let job: Job
        let continuation: CheckedContinuation<Outcome, Never>
    }

    private let lock = NSLock()
    private var queue: [Waiting] = []
    private var leading = false
    private let write: Writer
    /// The most jobs in one transaction; the rest wait for the next.
    public let maxBatch: Int

    public init(maxBatch: Int = 256, write: @escaping Writer) {
        self.maxBatch = maxBatch
        self.write = write
    }

    /// Returns once the transaction holding `job` has committed, or throws the job's own error (or the batch's).
    public func submit(_ job: Job) async throws {
        let outcome: Outcome = await withCheckedContinuation { continuation in
            let lead = lock.withLock { () -> Bool in
                if leading {
                    queue.append(Waiting(job: job, continuation: continuation))
                    return false
                }
                leading = true
                return true
            }
            if lead { continuation.resume(returning: .lead) }
        }
        switch outcome {
        case .done(let result): try result.get()
        case .lead: try await lead(with: job).get()
        }
    }

    /// Writes `own` with whatever is queued, passes the lead to the next waiter (if any), and resumes the batch.
    private func lead(with own: Job) async -> Result<Void, any Error> {
        let others = lock.withLock { () -> [Waiting] in
            let taken = Array(queue.prefix(maxBatch - 1))
            queue.removeFirst(taken.count)
            return taken
        }
        let jobs = [own] + others.map(\.job)
        var results: [Result<Void, any Error>]
        do {
            results = try await write(jobs)
            if results.count != jobs.count { results = jobs.map { _ in .failure(GroupCommitError.resultCountMismatch) } }
        } catch {
            results = jobs.map { _ in .failure(error) }
        }
        let next = lock.withLock { () -> Waiting? in
            if queue.isEmpty {
                leading = false
                return nil
            }
            return queue.removeFirst()
        }
        next?.continuation.resume(returning: .lead)
        for (waiting, result) in zip(others, results.dropFirst()) { waiting.continuation.resume(returning: .done(result)) }
        return results[0]
    }
}

/// A writer broke the group-commit contract (one result per job).
public enum GroupCommitError: Error, Equatable, Sendable {
    case resultCountMismatch
}

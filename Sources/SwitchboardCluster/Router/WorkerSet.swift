import Synchronization

/// The router's worker slots by id: a collection that changes while requests flow (`setWorkerCount`, or another
/// router's worker count followed).
///
/// Ownership: only the `WorkerSupervisor` adds and removes slots (it owns their processes); forwarding, the key
/// broker and the admin view only look them up. A request that holds a link keeps using it after its removal: the
/// slot is drained before its process stops.
public final class WorkerSet: Sendable {
    private let links: Mutex<[String: WorkerLink]>

    init(_ links: [WorkerLink] = []) {
        self.links = Mutex(Dictionary(uniqueKeysWithValues: links.map { ($0.workerID, $0) }))
    }

    /// The slot `id`, if this router has it.
    public func link(_ id: String) -> WorkerLink? { links.withLock { $0[id] } }

    /// Every slot, ordered by id.
    public var all: [WorkerLink] { links.withLock { Array($0.values) }.sorted { $0.workerID < $1.workerID } }

    /// The ids of every slot.
    public var ids: Set<String> { links.withLock { Set($0.keys) } }

    /// Adds `link` unless a slot of its id exists; true when it was added.
    func insert(_ link: WorkerLink) -> Bool {
        links.withLock { links in
            guard links[link.workerID] == nil else { return false }
            links[link.workerID] = link
            return true
        }
    }

    /// Removes the slot `id` and returns it.
    func remove(_ id: String) -> WorkerLink? {
        links.withLock { $0.removeValue(forKey: id) }
    }
}

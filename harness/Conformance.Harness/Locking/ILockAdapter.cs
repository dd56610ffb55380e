using Conformance.Harness.Matrix;

namespace Conformance.Harness.Locking;

/// <summary>How the suite locks and unlocks an account on a target. The spec (v1.18) has one way; older
/// servers have their own, so the profile picks (or probing finds) an adapter.</summary>
public interface ILockAdapter
{
    /// <summary>Stable name, as profiles write it: msc4323, msc4323-unstable, synapse-admin, none.</summary>
    string Name { get; }

    /// <summary>True when the adapter can lock at all (<c>none</c> cannot).</summary>
    bool CanLock { get; }

    Task<LockOutcome> SetLockedAsync(string userId, bool locked, CancellationToken ct);
}

/// <summary>The adapter's answer: whether the server accepted the change, and the response to show.</summary>
public sealed record LockOutcome(bool Accepted, string Detail, MatrixResponse? Response = null);

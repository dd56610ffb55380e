using Conformance.Harness.Matrix;

namespace Conformance.Harness.Suspension;

/// <summary>How the suite suspends and unsuspends an account on a target. The spec (v1.18) has one way;
/// servers without it have their own, so the profile picks (or probing finds) an adapter.</summary>
public interface ISuspendAdapter
{
    /// <summary>Stable name, as profiles write it: msc4323, msc4323-unstable, synapse-admin, none.</summary>
    string Name { get; }

    /// <summary>True when the adapter can suspend at all (<c>none</c> cannot).</summary>
    bool CanSuspend { get; }

    Task<SuspendOutcome> SetSuspendedAsync(string userId, bool suspended, CancellationToken ct);
}

/// <summary>The adapter's answer: whether the server accepted the change, and the response to show.</summary>
public sealed record SuspendOutcome(bool Accepted, string Detail, MatrixResponse? Response = null);
